package ore.location.app.port;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import ore.location.app.LocationTracked;
import ore.location.domain.fix.PlayerTrack;

/**
 * Per-player live state shared by every instance: the {@link PlayerTrack}, the nearby opt-in flag,
 * the recent anti-cheat rejections and the erasure tombstone.
 *
 * <p>Updates are optimistic: {@link #load} returns a version and {@link #commit} applies only if the
 * version is unchanged, so two concurrent batches of one player cannot both build on the same state
 * (the loser reloads and re-judges; its fixes then come back {@code duplicate} where they overlap).
 * Failures surface as {@code DomainException}s of category UNAVAILABLE.
 */
public interface PlayerStates {

    /**
     * The state as read; {@code version} 0 and an empty track for a player never seen (or expired).
     * {@code pending}: tracking events of the last commit that Kafka has not acknowledged yet.
     */
    record Snapshot(long version, PlayerTrack track, boolean sharing, boolean erased, List<LocationTracked> pending) {

        public Snapshot {
            pending = List.copyOf(pending);
        }

        public Snapshot(long version, PlayerTrack track, boolean sharing, boolean erased) {
            this(version, track, sharing, erased, List.of());
        }
    }

    /**
     * Rejections that count towards SuspectedCheat are kept for {@code window}; when
     * {@code threshold} are reached the commit reports {@code suspectedCheat} once, and not again
     * for {@code cooldown}.
     */
    record CheatCounting(Duration window, int threshold, Duration cooldown) {
    }

    /** {@code applied} false: the version moved; reload and retry. */
    record Commit(boolean applied, int recentRejections, boolean suspectedCheat) {
    }

    Snapshot load(UUID playerId);

    /**
     * Replaces the track if the stored version is still {@code expectedVersion} and the player has
     * not been erased meanwhile, records the timestamps of fixes rejected for cheating and keeps
     * {@code events} as the new version's pending tracking events, all atomically. The caller
     * publishes the events after the commit and then {@link #clearPending clears} them; until then a
     * crash or a Kafka outage loses nothing (the next load returns them, and {@link #markPending}
     * lets a sweeper find them).
     */
    Commit commit(UUID playerId, long expectedVersion, PlayerTrack next, List<Long> cheatRejections, Instant now,
                  CheatCounting counting, List<LocationTracked> events);

    default Commit commit(UUID playerId, long expectedVersion, PlayerTrack next, List<Long> cheatRejections,
                          Instant now, CheatCounting counting) {
        return commit(playerId, expectedVersion, next, cheatRejections, now, counting, List.of());
    }

    /**
     * Forgets the pending events of the commit that produced {@code version}, once they were
     * published; does nothing if a later commit replaced them. Does not wait for the store.
     */
    void clearPending(UUID playerId, long version);

    /** Remembers that the player has events Kafka did not take, for the sweeper. */
    void markPending(UUID playerId, Instant now);

    /** Players marked before {@code before}, oldest first. */
    List<UUID> markedPending(Instant before, int limit);

    void unmarkPending(UUID playerId);

    /** Lets the next threshold crossing report again (after a report could not be stored). */
    void clearCheatReported(UUID playerId);

    void setSharing(UUID playerId, boolean sharing);

    /**
     * Deletes everything held for the player and leaves a tombstone for {@code tombstoneTtl} so that
     * updates still in flight (tokens stay valid for minutes) are refused. Returns the track that was
     * deleted, if any. Idempotent.
     */
    Optional<PlayerTrack> erase(UUID playerId, Duration tombstoneTtl);
}
