package ore.auth.adapter.in.scheduled;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import ore.auth.app.PrivacyService;
import ore.auth.app.port.PlayerStore;
import ore.auth.app.port.SessionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes account deletions whose grace period is over, drops expired refresh tokens, and deletes
 * expired e-mail confirmation and password reset codes (a pending registration holds an address and
 * a password hash; it goes once its code can no longer be used). Runs on every instance; the queries
 * skip rows another instance is already deleting.
 */
@Singleton
class HousekeepingJob {

    private static final Logger LOG = LoggerFactory.getLogger(HousekeepingJob.class);

    private final PrivacyService privacy;
    private final SessionStore sessions;
    private final PlayerStore players;
    private final Clock clock;

    HousekeepingJob(PrivacyService privacy, SessionStore sessions, PlayerStore players, Clock clock) {
        this.privacy = privacy;
        this.sessions = sessions;
        this.players = players;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${ore.auth.deletion.purge-interval:1h}", initialDelay = "1m")
    void run() {
        try {
            int purged = privacy.purgeDue(100);
            int expired = sessions.deleteExpired(clock.instant().minus(Duration.ofDays(1)));
            int codes = players.deleteExpiredCodes(clock.instant());
            if (purged > 0 || expired > 0 || codes > 0) {
                LOG.info("Housekeeping: {} account(s) purged, {} expired session row(s) and {} expired code(s) deleted",
                        purged, expired, codes);
            }
        } catch (RuntimeException e) {
            LOG.warn("Housekeeping failed; will retry at the next run", e);
        }
    }
}
