package ore.location.app;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import ore.location.app.port.CheatReports;
import ore.location.app.port.Erasures;
import ore.location.app.port.HistoryStore;
import ore.location.app.port.PlayerStates;
import ore.location.app.port.Presence;
import ore.location.app.port.Transactions;
import ore.location.domain.fix.PlayerTrack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GDPR erasure on {@code UserDeleted}: the player's live state, nearby listing, position history and
 * cheat reports. Idempotent, so a redelivered event is harmless.
 *
 * <p>Two things could bring data back after the purge, and both are closed: updates still arriving
 * with a valid access token (≤ 15 min) are refused by a Redis tombstone, and tracked events still in
 * Kafka are dropped by the history writer, which skips erased players (and the hourly maintenance
 * deletes rows that raced past that check).
 */
@Singleton
public class Erasure {

    private static final Logger LOG = LoggerFactory.getLogger(Erasure.class);

    public record Settings(Duration tombstoneTtl) {
    }

    private final PlayerStates states;
    private final Presence presence;
    private final HistoryStore history;
    private final CheatReports reports;
    private final Erasures erasures;
    private final Transactions tx;
    private final Settings settings;
    private final Clock clock;

    public Erasure(PlayerStates states, Presence presence, HistoryStore history, CheatReports reports,
                   Erasures erasures, Transactions tx, Settings settings, Clock clock) {
        this.states = states;
        this.presence = presence;
        this.history = history;
        this.reports = reports;
        this.erasures = erasures;
        this.tx = tx;
        this.settings = settings;
        this.clock = clock;
    }

    public void erase(UUID playerId) {
        long cell = states.erase(playerId, settings.tombstoneTtl()).map(PlayerTrack::nearbyCell).orElse(0L);
        if (cell != 0) {
            presence.unlist(playerId, cell);
        }
        int[] deleted = new int[2];
        tx.run(() -> {
            erasures.markErased(playerId, clock.instant());
            deleted[0] = history.deletePlayer(playerId);
            deleted[1] = reports.deletePlayer(playerId);
        });
        LOG.info("Erased player {}: live state, {} history row(s), {} cheat report(s)", playerId, deleted[0], deleted[1]);
    }
}
