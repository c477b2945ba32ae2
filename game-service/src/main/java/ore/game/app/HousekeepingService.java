package ore.game.app;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import ore.game.app.port.MineRequestStore;
import ore.game.app.port.NodeCapacityStore;
import ore.game.domain.node.NodeLifetime;

/**
 * Drops what has served its purpose: stored mine answers older than their retention (a retry after
 * that is treated as a new request, and its node has long expired anyway) and the capacity rows of
 * nodes that can no longer be mined.
 */
@Singleton
public class HousekeepingService {

    public record Retention(Duration mineRequests) {
    }

    private static final int BATCH = 1_000;

    private final MineRequestStore requests;
    private final NodeCapacityStore capacities;
    private final Retention retention;
    private final Clock clock;

    public HousekeepingService(MineRequestStore requests, NodeCapacityStore capacities, Retention retention,
                               Clock clock) {
        this.requests = requests;
        this.capacities = capacities;
        this.retention = retention;
        this.clock = clock;
    }

    /** Returns the number of rows deleted. */
    public int run() {
        Instant now = clock.instant();
        int deleted = 0;
        int n;
        do {
            n = requests.deleteOlderThan(now.minus(retention.mineRequests()), BATCH);
            deleted += n;
        } while (n == BATCH);
        long oldestMinable = NodeLifetime.hourOf(now) - 1;
        do {
            n = capacities.deleteHoursBefore(oldestMinable, BATCH);
            deleted += n;
        } while (n == BATCH);
        return deleted;
    }
}
