package ore.inference.grpc;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Builds the Netty channel to Triton. gRPC's shaded Netty is used so the client never shares (or
 * fights over) the Netty version of the Micronaut server it runs in.
 */
public final class TritonChannels {

    private TritonChannels() {
    }

    /**
     * @param keepAliveTime     idle time on the connection before a ping checks it is still there;
     *                          Triton refuses pings more frequent than its
     *                          {@code --grpc-http2-min-recv-ping-interval-without-data} (5 min by
     *                          default) on a connection without calls, hence keepalive only while
     *                          calls are active unless {@code keepAliveWithoutCalls}
     * @param keepAliveTimeout  how long a ping may go unanswered before the connection is dropped
     * @param trustCertificates PEM file of CAs to trust for TLS; empty for the JVM's trust store
     */
    public record Options(Duration keepAliveTime, Duration keepAliveTimeout, boolean keepAliveWithoutCalls,
                          boolean tls, Optional<Path> trustCertificates, int maxInboundMessageBytes) {

        public static Options plaintext() {
            return new Options(Duration.ofSeconds(30), Duration.ofSeconds(10), false, false, Optional.empty(),
                    16 * 1024 * 1024);
        }
    }

    /**
     * @param target       a gRPC target: {@code host:port} or a URI such as {@code dns:///triton.ore.local:8001}
     * @param interceptors applied to every call (tracing)
     */
    public static ManagedChannel create(String target, Options options, ClientInterceptor... interceptors) {
        return NettyChannelBuilder.forTarget(target, credentials(options))
                .intercept(interceptors)
                .keepAliveTime(options.keepAliveTime().toNanos(), TimeUnit.NANOSECONDS)
                .keepAliveTimeout(options.keepAliveTimeout().toNanos(), TimeUnit.NANOSECONDS)
                .keepAliveWithoutCalls(options.keepAliveWithoutCalls())
                .maxInboundMessageSize(options.maxInboundMessageBytes())
                .userAgent("ore-inference-client")
                .build();
    }

    private static ChannelCredentials credentials(Options options) {
        if (!options.tls()) {
            return InsecureChannelCredentials.create();
        }
        if (options.trustCertificates().isEmpty()) {
            return TlsChannelCredentials.create();
        }
        try {
            return TlsChannelCredentials.newBuilder().trustManager(options.trustCertificates().get().toFile()).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Triton CA certificates " + options.trustCertificates().get(), e);
        }
    }
}
