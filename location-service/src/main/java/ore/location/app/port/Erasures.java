package ore.location.app.port;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/**
 * Players whose data was erased (GDPR), remembered for a while so that their events still in
 * Kafka are not written back into the history after the purge.
 */
public interface Erasures {

    void markErased(UUID playerId, Instant at);

    Set<UUID> erasedAmong(Collection<UUID> playerIds);

    /** Players erased at or after {@code from}. */
    java.util.List<UUID> since(Instant from);

    /** Forgets erasures older than {@code before}; returns how many. */
    int forgetBefore(Instant before);
}
