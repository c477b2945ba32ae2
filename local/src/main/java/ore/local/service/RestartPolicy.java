package ore.local.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.Optional;

/**
 * When the launcher restarts a service that ended on its own, as ECS replaces a stopped task: after a
 * short back-off that doubles with each recent restart, and not at all once the service has been
 * restarted {@code maxRestarts} times within {@code window} (a crash loop: its output says why, and
 * restarting it forever would only bury that).
 *
 * @param firstDelay the wait before the first restart in a window
 * @param maxDelay   the cap of the doubling back-off
 */
public record RestartPolicy(int maxRestarts, Duration window, Duration firstDelay, Duration maxDelay) {

    public static final RestartPolicy DEFAULT =
            new RestartPolicy(5, Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofSeconds(16));

    public RestartPolicy {
        if (maxRestarts < 1 || window.isNegative() || window.isZero() || firstDelay.isNegative()
                || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("invalid restart policy");
        }
    }

    /**
     * The wait before the next restart, or empty when the service has used up its restarts.
     * {@code recent} holds the times of earlier restarts (oldest first); entries older than the window
     * are dropped from it.
     */
    public Optional<Duration> nextDelay(Deque<Instant> recent, Instant now) {
        Instant horizon = now.minus(window);
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(horizon)) {
            recent.removeFirst();
        }
        int count = recent.size();
        if (count >= maxRestarts) {
            return Optional.empty();
        }
        Duration delay = firstDelay.multipliedBy(1L << Math.min(count, 20));
        return Optional.of(delay.compareTo(maxDelay) > 0 ? maxDelay : delay);
    }
}
