package ore.core.redis;

import io.lettuce.core.protocol.CompleteableCommand;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.tracing.TraceContext;
import io.lettuce.core.tracing.TraceContextProvider;
import io.lettuce.core.tracing.Tracer;
import io.lettuce.core.tracing.TracerProvider;
import io.lettuce.core.tracing.Tracing;
import io.micronaut.configuration.lettuce.AbstractRedisConfiguration;
import io.micronaut.configuration.lettuce.ClientResourcesMutator;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import jakarta.inject.Singleton;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import ore.core.trace.TracingSettings;

/**
 * Redis commands as OpenTelemetry CLIENT spans, through Lettuce's own tracing hook (Lettuce has no
 * OpenTelemetry module of its own, and the instrumentation library's is not published for the Lettuce
 * line Micronaut ships). The trace context is taken on the calling thread when a command is
 * dispatched, so a command sent while handling a request or a Kafka record is a child of that work;
 * commands without one are never recorded ({@link ore.core.trace.OreSampler}).
 *
 * <p>A span is named after the command ({@code GET}, {@code EVALSHA}) and carries
 * {@code db.system.name=redis}, {@code db.operation.name} and the server's address; never the
 * command's arguments (keys and values hold player ids and positions). Off entirely while spans are
 * not exported: Lettuce then skips its tracing path.
 */
@Singleton
public final class RedisTracing implements ClientResourcesMutator {

    private static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system.name");
    private static final AttributeKey<String> DB_OPERATION = AttributeKey.stringKey("db.operation.name");
    private static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    private static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");

    private final OpenTelemetry openTelemetry;
    private final boolean enabled;

    public RedisTracing(OpenTelemetry openTelemetry, TracingSettings settings) {
        this.openTelemetry = openTelemetry;
        this.enabled = settings.exporting();
    }

    @Override
    public void mutate(ClientResources.Builder builder, AbstractRedisConfiguration config) {
        if (enabled) {
            builder.tracing(tracing(openTelemetry));
        }
    }

    /** Lettuce's tracing hook backed by {@code openTelemetry}. */
    public static Tracing tracing(OpenTelemetry openTelemetry) {
        return new OtelTracing(openTelemetry.getTracer("ore.redis"));
    }

    private record OtelContext(Context context) implements TraceContext {
    }

    private record RedisEndpoint(String host, int port) implements Tracing.Endpoint {
    }

    private static final class OtelTracing implements Tracing, TracerProvider, TraceContextProvider {
        private final io.opentelemetry.api.trace.Tracer tracer;
        private final Tracer lettuceTracer;

        OtelTracing(io.opentelemetry.api.trace.Tracer tracer) {
            this.tracer = tracer;
            this.lettuceTracer = new Tracer() {
                @Override
                public Tracer.Span nextSpan() {
                    return new OtelSpan(tracer, Context.current());
                }

                @Override
                public Tracer.Span nextSpan(TraceContext traceContext) {
                    return new OtelSpan(tracer, traceContext instanceof OtelContext c ? c.context() : Context.current());
                }
            };
        }

        @Override
        public TracerProvider getTracerProvider() {
            return this;
        }

        @Override
        public Tracer getTracer() {
            return lettuceTracer;
        }

        @Override
        public TraceContextProvider initialTraceContextProvider() {
            return this;
        }

        /** Called on the dispatching thread: the caller's context. */
        @Override
        public TraceContext getTraceContext() {
            return new OtelContext(Context.current());
        }

        @Override
        public boolean isEnabled() {
            return true;
        }

        @Override
        public boolean includeCommandArgsInSpanTags() {
            return false;
        }

        @Override
        public Tracing.Endpoint createEndpoint(SocketAddress socketAddress) {
            if (socketAddress instanceof InetSocketAddress inet) {
                return new RedisEndpoint(inet.getHostString(), inet.getPort());
            }
            return new RedisEndpoint(String.valueOf(socketAddress), -1);
        }
    }

    /** One command. Lettuce calls name, tags and remoteEndpoint, then start; the reply ends it. */
    private static final class OtelSpan extends Tracer.Span {
        private final io.opentelemetry.api.trace.Tracer tracer;
        private final Context parent;
        private String name = "redis";
        private RedisEndpoint endpoint;
        private Span span = Span.getInvalid();

        OtelSpan(io.opentelemetry.api.trace.Tracer tracer, Context parent) {
            this.tracer = tracer;
            this.parent = parent;
        }

        @Override
        public Tracer.Span start(RedisCommand<?, ?, ?> command) {
            String operation = command.getType() != null ? command.getType().toString() : name;
            var builder = tracer.spanBuilder(operation).setSpanKind(SpanKind.CLIENT).setParent(parent)
                    .setAttribute(DB_SYSTEM, "redis").setAttribute(DB_OPERATION, operation);
            if (endpoint != null) {
                builder.setAttribute(SERVER_ADDRESS, endpoint.host());
                if (endpoint.port() > 0) {
                    builder.setAttribute(SERVER_PORT, (long) endpoint.port());
                }
            }
            span = builder.startSpan();
            // Lettuce leaves ending the span to the hook: it ends with the command's reply or failure.
            if (command instanceof CompleteableCommand<?> completeable) {
                completeable.onComplete((Object result, Throwable failure) -> {
                    if (failure != null) {
                        error(failure);
                    }
                    finish();
                });
            }
            return this;
        }

        @Override
        public Tracer.Span name(String name) {
            this.name = name;
            return this;
        }

        @Override
        public Tracer.Span annotate(String value) {
            span.addEvent(value);
            return this;
        }

        @Override
        public Tracer.Span tag(String key, String value) {
            // Lettuce tags redis.args (off, see includeCommandArgsInSpanTags) and exception messages.
            return this;
        }

        @Override
        public Tracer.Span error(Throwable throwable) {
            span.setStatus(StatusCode.ERROR, throwable.getClass().getSimpleName());
            span.recordException(throwable);
            return this;
        }

        @Override
        public Tracer.Span remoteEndpoint(Tracing.Endpoint endpoint) {
            if (endpoint instanceof RedisEndpoint e) {
                this.endpoint = e;
                span.setAttribute(SERVER_ADDRESS, e.host());
            }
            return this;
        }

        @Override
        public void finish() {
            span.end();
        }
    }
}
