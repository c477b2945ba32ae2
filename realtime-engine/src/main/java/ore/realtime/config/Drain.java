package ore.realtime.config;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.graceful.GracefulShutdownCapable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import ore.realtime.app.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Drains the instance: refuses new upgrades, closes every client with 1012 and a jittered reconnect
 * hint, and waits up to {@code drain-timeout} for the connections to go.
 *
 * <p>SIGTERM (a Spot interruption or a deployment) is handled by {@link #onSigterm}: Micronaut's own
 * shutdown hook stops the Netty event loops before any bean hears of the shutdown, which would cut
 * every socket without a close frame. So the engine takes SIGTERM itself, drains, and only then
 * exits, which runs Micronaut's shutdown as usual. A context closed in-process (tests, embedding)
 * drains through {@link GracefulShutdownCapable} or {@link PreDestroy} instead.
 */
@Singleton
public class Drain implements GracefulShutdownCapable {

    private static final Logger LOG = LoggerFactory.getLogger(Drain.class);

    private final Engine engine;
    private final ConnectionSettings settings;

    Drain(Engine engine, ConnectionSettings settings) {
        this.engine = engine;
        this.settings = settings;
    }

    /** Installs the SIGTERM handler of a running engine (called from {@code main}). */
    public static void onSigterm(ApplicationContext context) {
        Signal.handle(new Signal("TERM"), signal -> Thread.ofPlatform().name("realtime-sigterm").start(() -> {
            LOG.info("SIGTERM: draining before shutdown");
            try {
                context.findBean(Drain.class).ifPresent(Drain::drain);
            } finally {
                System.exit(143);
            }
        }));
    }

    @Override
    public CompletionStage<?> shutdownGracefully() {
        return CompletableFuture.runAsync(this::drain, r -> Thread.ofPlatform().name("realtime-drain").start(r));
    }

    @Override
    public OptionalLong reportActiveTasks() {
        return OptionalLong.of(engine.connectionCount());
    }

    @PreDestroy
    void drain() {
        engine.drain();
        if (!engine.awaitEmpty(settings.drainTimeout())) {
            LOG.warn("{} connection(s) still open after {}", engine.connectionCount(), settings.drainTimeout());
        }
    }
}
