package ore.bench;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Runs a phase as a closed loop: each worker sends its next request as soon as the previous one is
 * answered, so the offered load adapts to the service and latency is not inflated by a queue of our
 * own. The phase ends at its time limit or when its request budget is spent, whichever is first;
 * a request in flight at the deadline still completes (at most {@link AuthClient#REQUEST_TIMEOUT}).
 */
final class ClosedLoop {

    /** One worker's requests; each worker is used by one virtual thread only. */
    interface Worker {

        /** Untimed work before the next request, e.g. signing in again after a failed refresh. */
        default void prepare() throws IOException, InterruptedException {
        }

        /** Sends the {@code sequence}-th request of the phase (counted across workers); returns its status. */
        int call(long sequence) throws IOException, InterruptedException;
    }

    /** How long to wait for workers past the deadline before giving up on them. */
    private static final Duration GRACE = AuthClient.REQUEST_TIMEOUT.plusSeconds(5);
    private static final Duration PREPARE_BACKOFF = Duration.ofMillis(100);

    private ClosedLoop() {
    }

    static PhaseStats run(String name, int concurrency, Duration limit, long maxRequests, IntFunction<Worker> workers)
            throws InterruptedException {
        var stats = new PhaseStats(name, concurrency);
        var issued = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < concurrency; w++) {
                Worker worker = workers.apply(w);
                threads.submit(() -> loop(worker, stats, issued, maxRequests, deadline));
            }
            threads.shutdown();
            if (!threads.awaitTermination(limit.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS)) {
                threads.shutdownNow();
            }
        }
        stats.finish(System.nanoTime() - start);
        return stats;
    }

    private static void loop(Worker worker, PhaseStats stats, AtomicLong issued, long maxRequests, long deadline) {
        while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
            try {
                worker.prepare();
            } catch (IOException | RuntimeException e) {
                stats.failure("prepare:" + kind(e));
                // A service that is down fails at once; pausing keeps this loop from spinning.
                if (!pause()) {
                    return;
                }
                continue;
            } catch (InterruptedException e) {
                return;
            }
            long sequence = issued.getAndIncrement();
            if (sequence >= maxRequests) {
                return;
            }
            long sent = System.nanoTime();
            try {
                int status = worker.call(sequence);
                stats.response(status, System.nanoTime() - sent);
            } catch (IOException | RuntimeException e) {
                // Counted, never swallowed: an executor would drop the exception with the worker.
                stats.failure(kind(e));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(PREPARE_BACKOFF);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** A short name for a failure: the exception type, or the message of a plain IOException. */
    private static String kind(Exception e) {
        if (e.getClass() == IOException.class && e.getMessage() != null) {
            return e.getMessage();
        }
        if (e instanceof HttpTimeoutException) {
            return "timeout";
        }
        if (e instanceof ConnectException) {
            return "connect";
        }
        return e.getClass().getSimpleName();
    }
}
