package ore.game.adapter.in.scheduled;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import ore.game.app.HousekeepingService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs {@link HousekeepingService} every 10 minutes on every instance (the deletes are idempotent). */
@Singleton
class HousekeepingJob {

    private static final Logger LOG = LoggerFactory.getLogger(HousekeepingJob.class);

    private final HousekeepingService housekeeping;

    HousekeepingJob(HousekeepingService housekeeping) {
        this.housekeeping = housekeeping;
    }

    @Scheduled(fixedDelay = "${ore.game.housekeeping-interval:10m}", initialDelay = "1m")
    void run() {
        try {
            int deleted = housekeeping.run();
            if (deleted > 0) {
                LOG.info("Housekeeping: {} expired row(s) deleted", deleted);
            }
        } catch (RuntimeException e) {
            LOG.warn("Housekeeping failed; will retry at the next run", e);
        }
    }
}
