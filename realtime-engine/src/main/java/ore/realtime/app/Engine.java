package ore.realtime.app;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import ore.realtime.app.port.Broker;
import ore.realtime.app.port.Connection;
import ore.realtime.app.port.PlayerCells;
import ore.realtime.app.port.PresenceStore;
import ore.realtime.app.port.TokenVerifier;
import ore.realtime.domain.CellAccess;
import ore.realtime.domain.ChannelName;
import ore.realtime.domain.CloseCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's façade: creates {@link Client}s for new connections, decides who may use which
 * channel, publishes server-side messages, and drains the instance on shutdown. Edges (WebSocket,
 * Kafka) talk to this class only.
 */
public final class Engine {

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private final Broker broker;
    private final Hub hub;
    private final PresenceStore presence;
    private final PlayerCells cells;
    private final CellAccess cellAccess;
    private final TokenVerifier tokens;
    private final Limits limits;
    private final EngineMetrics metrics;
    private final Clock clock;
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final AtomicLong sequence = new AtomicLong();
    private final String instance = Long.toString(ThreadLocalRandom.current().nextLong() & 0xffffffffL, 36);
    private final AtomicBoolean draining = new AtomicBoolean();

    public Engine(Broker broker, Hub hub, PresenceStore presence, PlayerCells cells, CellAccess cellAccess,
                  TokenVerifier tokens, Limits limits, EngineMetrics metrics, Clock clock) {
        this.broker = broker;
        this.hub = hub;
        this.presence = presence;
        this.cells = cells;
        this.cellAccess = cellAccess;
        this.tokens = tokens;
        this.limits = limits;
        this.metrics = metrics;
        this.clock = clock;
        hub.onInterrupted(this::resubscribeAll);
    }

    /** A new connection; null when the instance is draining (the edge then refuses the upgrade). */
    public Client open(Connection connection) {
        if (draining.get()) {
            return null;
        }
        var client = new Client(instance + "-" + Long.toString(sequence.incrementAndGet(), 36), connection, this);
        clients.add(client);
        metrics.connections.incrementAndGet();
        return client;
    }

    void unregister(Client client) {
        if (clients.remove(client)) {
            metrics.connections.decrementAndGet();
        }
    }

    /** Whether the player may subscribe to (and publish on) the channel. */
    CompletionStage<Boolean> authorize(UUID player, ChannelName channel) {
        return switch (channel.kind()) {
            case GLOBAL -> CompletableFuture.completedFuture(true);
            case PLAYER -> CompletableFuture.completedFuture(channel.id().equals(player.toString()));
            case CELL -> cells.lastTrustedCell(player)
                    .thenApply((Optional<String> cell) -> cellAccess.allows(cell.orElse(null), channel.id()));
        };
    }

    /** Publishes a server-side message ({@code {type, at, ...}} JSON) on a channel, to every instance. */
    public CompletionStage<Void> publish(ChannelName channel, String message) {
        return broker.publish(channel, message);
    }

    public boolean isDraining() {
        return draining.get();
    }

    public int connectionCount() {
        return clients.size();
    }

    /**
     * Stops taking connections and closes every client with 1012 and a reconnect hint spread over
     * [reconnectMin, reconnectMax], so the clients do not all land on the remaining instances at once.
     */
    public void drain() {
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        LOG.info("Draining {} connection(s): closing with 1012", clients.size());
        closeAll(CloseCodes.SERVICE_RESTART, "server restart");
    }

    private void resubscribeAll() {
        LOG.warn("Broker subscriptions were interrupted: closing {} connection(s) so they recover", clients.size());
        closeAll(CloseCodes.RESUBSCRIBE, "subscriptions interrupted");
    }

    private void closeAll(int code, String reason) {
        long min = limits.reconnectMin().toMillis();
        long max = Math.max(min + 1, limits.reconnectMax().toMillis());
        for (Client client : clients) {
            long hint = ThreadLocalRandom.current().nextLong(min, max);
            try {
                client.connection().execute(() -> client.closeForRestart(code, reason, hint));
            } catch (RuntimeException e) {
                LOG.debug("Cannot close {}: {}", client.id(), e.toString());
            }
        }
    }

    Broker broker() {
        return broker;
    }

    Hub hub() {
        return hub;
    }

    PresenceStore presence() {
        return presence;
    }

    TokenVerifier tokens() {
        return tokens;
    }

    Limits limits() {
        return limits;
    }

    EngineMetrics metrics() {
        return metrics;
    }

    Clock clock() {
        return clock;
    }

    public TokenVerifier tokenVerifier() {
        return tokens;
    }

    /** Waits until every client is gone or the timeout passed; true when none is left. */
    public boolean awaitEmpty(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!clients.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return clients.isEmpty();
    }
}
