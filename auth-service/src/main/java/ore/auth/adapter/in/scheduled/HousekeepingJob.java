package ore.auth.adapter.in.scheduled;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import ore.auth.app.PrivacyService;
import ore.auth.app.port.SessionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes account deletions whose grace period is over and drops expired refresh tokens. Runs on
 * every instance; the queries skip rows another instance is already deleting.
 */
@Singleton
class HousekeepingJob {

    private static final Logger LOG = LoggerFactory.getLogger(HousekeepingJob.class);

    private final PrivacyService privacy;
    private final SessionStore sessions;
    private final Clock clock;

    HousekeepingJob(PrivacyService privacy, SessionStore sessions, Clock clock) {
        this.privacy = privacy;
        this.sessions = sessions;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${ore.auth.deletion.purge-interval:1h}", initialDelay = "1m")
    void run() {
        try {
            int purged = privacy.purgeDue(100);
            int expired = sessions.deleteExpired(clock.instant().minus(Duration.ofDays(1)));
            if (purged > 0 || expired > 0) {
                LOG.info("Housekeeping: {} account(s) purged, {} expired session row(s) deleted", purged, expired);
            }
        } catch (RuntimeException e) {
            LOG.warn("Housekeeping failed; will retry at the next run", e);
        }
    }
}
