package ore.realtime.config;

import io.micronaut.runtime.graceful.GracefulShutdownCapable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import ore.realtime.app.Engine;

/**
 * SIGTERM: Micronaut's graceful shutdown (after ore-core's drain delay, which lets the ALB stop
 * sending new connections) asks this bean to finish; it closes every client with 1012 and a jittered
 * reconnect hint, then waits up to {@code drain-timeout} for the connections to go.
 */
@Singleton
class Drain implements GracefulShutdownCapable {

    private final Engine engine;
    private final ConnectionSettings settings;

    Drain(Engine engine, ConnectionSettings settings) {
        this.engine = engine;
        this.settings = settings;
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
        engine.awaitEmpty(settings.drainTimeout());
    }
}
