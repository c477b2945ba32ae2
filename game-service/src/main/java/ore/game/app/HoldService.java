package ore.game.app;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import ore.game.app.port.EventInbox;
import ore.game.app.port.HoldStore;
import ore.game.app.port.PlayerStore;
import ore.game.app.port.Transactions;
import ore.game.domain.GameErrors;
import ore.game.domain.hold.Hold;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anti-cheat holds. location-service raises {@code SuspectedCheat} on {@code ore.location.cheat} when
 * a player's fixes keep being rejected for cheating; this service then holds the player's mining and
 * reward claims (both answer {@code game.player_held}) until an admin has reviewed the case and
 * released them. Ore already mined stays where it is; nothing is taken away automatically.
 */
@Singleton
public class HoldService {

    private static final Logger LOG = LoggerFactory.getLogger(HoldService.class);
    static final String CONSUMER = "game.location-cheat";
    public static final int MAX_PAGE = 200;

    /** What a {@code SuspectedCheat} report says. */
    public record Report(UUID playerId, int rejections, long windowSeconds, List<String> reasons, Instant detectedAt) {
    }

    private final Transactions tx;
    private final EventInbox inbox;
    private final PlayerStore players;
    private final HoldStore holds;
    private final Clock clock;

    public HoldService(Transactions tx, EventInbox inbox, PlayerStore players, HoldStore holds, Clock clock) {
        this.tx = tx;
        this.inbox = inbox;
        this.players = players;
        this.holds = holds;
        this.clock = clock;
    }

    /** Holds the player, once per event id; false for a redelivered event or a deleted player. */
    public boolean hold(UUID eventId, Report report) {
        Instant now = Timestamps.now(clock);
        return tx.inTransaction(() -> {
            if (!inbox.firstTime(CONSUMER, eventId)) {
                return false;
            }
            if (players.lock(report.playerId(), now).deleted()) {
                return false;
            }
            players.hold(report.playerId(), now);
            holds.record(new Hold(eventId, report.playerId(), report.rejections(), report.windowSeconds(),
                    report.reasons(), report.detectedAt() == null ? now : report.detectedAt(), now, null, null, null));
            LOG.info("Player {} held for review: {} cheat rejections in {} s ({})", report.playerId(),
                    report.rejections(), report.windowSeconds(), String.join(",", report.reasons()));
            return true;
        });
    }

    /** Lifts the player's hold after review. */
    public void release(UUID playerId, String releasedBy, String note) {
        Instant now = Timestamps.now(clock);
        tx.inTransaction(() -> {
            boolean wasHeld = players.release(playerId);
            int released = holds.release(playerId, now, releasedBy, note);
            if (!wasHeld && released == 0) {
                throw GameErrors.holdNotFound();
            }
            LOG.info("Hold of player {} released by {}", playerId, releasedBy);
            return null;
        });
    }

    public List<Hold> active(int limit) {
        return holds.active(Math.min(Math.max(limit, 1), MAX_PAGE));
    }

    public List<Hold> ofPlayer(UUID playerId) {
        return holds.ofPlayer(playerId);
    }
}
