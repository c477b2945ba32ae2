package ore.game.adapter.out.redis;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import ore.game.domain.GameErrors;
import org.slf4j.Logger;

/**
 * Waiting for Lettuce calls with a deadline (callers run on virtual threads, so waiting is cheap),
 * and logging failures of fire-and-forget writes without flooding the log when Redis is down.
 */
final class RedisCalls {

    static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final long LOG_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

    private RedisCalls() {
    }

    static <T> T await(CompletionStage<T> call) {
        try {
            return call.toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GameErrors.dependencyUnavailable();
        } catch (ExecutionException | TimeoutException e) {
            throw GameErrors.dependencyUnavailable();
        }
    }

    /** Logs at most one warning per 10 s per {@code last}; the rest only count. */
    static void warnThrottled(Logger log, AtomicLong last, String what, Throwable e) {
        long now = System.nanoTime();
        long previous = last.get();
        if (now - previous >= LOG_EVERY_NANOS && last.compareAndSet(previous, now)) {
            log.warn("{} failed (best effort, further failures for 10 s are not logged): {}", what, e.toString());
        }
    }
}
