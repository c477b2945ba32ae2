package ore.realtime.adapter.out.memory;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import ore.realtime.app.port.PresenceStore;
import ore.realtime.domain.ChannelName;

/**
 * {@link PresenceStore} in memory with the same expiry rule as Redis: an entry lives {@code ttl}
 * after its last renewal. For a single instance without Redis, and for tests.
 */
public final class MemoryPresenceStore implements PresenceStore {

    private final Duration ttl;
    private final Clock clock;
    private final Map<ChannelName, Map<String, Long>> entries = new ConcurrentHashMap<>();

    public MemoryPresenceStore(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public CompletionStage<Void> refresh(ChannelName channel, Collection<String> clientIds) {
        long expires = clock.millis() + ttl.toMillis();
        var map = entries.computeIfAbsent(channel, c -> new ConcurrentHashMap<>());
        clientIds.forEach(id -> map.put(id, expires));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> remove(ChannelName channel, String clientId) {
        var map = entries.get(channel);
        if (map != null) {
            map.remove(clientId);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Long> count(ChannelName channel) {
        var map = entries.get(channel);
        if (map == null) {
            return CompletableFuture.completedFuture(0L);
        }
        long now = clock.millis();
        map.values().removeIf(expires -> expires <= now);
        return CompletableFuture.completedFuture((long) map.size());
    }
}
