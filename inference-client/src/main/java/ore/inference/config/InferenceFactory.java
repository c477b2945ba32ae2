package ore.inference.config;

import io.grpc.ManagedChannel;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.grpc.v1_6.GrpcTelemetry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import ore.inference.ModelSpec;
import ore.inference.TritonClient;
import ore.inference.grpc.GrpcTritonClient;
import ore.inference.grpc.TritonChannels;

/**
 * Creates the channel and the {@link TritonClient} when {@code ore.inference.target} is set. A
 * service states what it expects of the model by declaring a {@link ModelSpec} bean; without one
 * the model is only checked to exist.
 */
@Factory
@Requires(property = InferenceSettings.PREFIX + ".target")
class InferenceFactory {

    static final String CHANNEL = "triton";

    @Singleton
    @Named(CHANNEL)
    @Bean(preDestroy = "shutdownNow")
    ManagedChannel tritonChannel(InferenceSettings settings, @Nullable OpenTelemetry openTelemetry) {
        if (openTelemetry == null) {
            return TritonChannels.create(settings.target(), settings.channel().toOptions());
        }
        // Each call is a CLIENT span in the trace current where it is made, its traceparent in the
        // call's metadata. Calls sent by the micro-batcher's own thread have no trace to join.
        return TritonChannels.create(settings.target(), settings.channel().toOptions(),
                GrpcTelemetry.create(openTelemetry).newClientInterceptor());
    }

    @Singleton
    @Bean(preDestroy = "close")
    TritonClient tritonClient(@Named(CHANNEL) ManagedChannel channel, InferenceSettings settings,
                              @Nullable ModelSpec spec, @Nullable MeterRegistry registry) {
        // Without a registry (metrics disabled) an empty composite records nothing.
        return new GrpcTritonClient(channel, settings.toOptions(), spec,
                registry != null ? registry : new CompositeMeterRegistry());
    }
}
