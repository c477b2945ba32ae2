package ore.inference.batch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Coalesces concurrent submissions into batches: a batch is sent when it reaches the maximum size,
 * or when its first item has waited the maximum delay, whichever comes first. Results come back to
 * each submitter in submission order. Plain Java; the clock is the {@link Scheduler} given to it.
 *
 * <p>Items with different {@linkplain #MicroBatcher keys} never share a batch: an item whose key
 * differs from the pending batch's sends that batch at once and starts a new one. Under uniform
 * traffic (one model, one input signature) this never happens; under mixed traffic it degrades to
 * smaller batches rather than to wrong ones.
 *
 * @param <T> what callers submit
 * @param <R> what each of them gets back
 */
public final class MicroBatcher<T, R> implements AutoCloseable {

    /** Sends one batch; the future's list holds one result per item, in the same order. */
    @FunctionalInterface
    public interface Sink<T, R> {
        CompletableFuture<List<R>> send(List<T> batch);
    }

    /** Runs a task after a delay and returns the action that cancels it. */
    @FunctionalInterface
    public interface Scheduler {
        Runnable schedule(Runnable task, Duration delay);

        static Scheduler of(ScheduledExecutorService executor) {
            return (task, delay) -> {
                ScheduledFuture<?> future = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
                return () -> future.cancel(false);
            };
        }
    }

    private record Entry<T, R>(T item, CompletableFuture<R> result) {
    }

    private final Sink<T, R> sink;
    private final Function<? super T, ?> keyOf;
    private final Scheduler scheduler;
    private final Duration maxDelay;
    private volatile int maxBatchSize;

    private final Object lock = new Object();
    private List<Entry<T, R>> pending = new ArrayList<>();
    private Object pendingKey;
    private Runnable cancelTimer;
    private long generation;
    private RuntimeException closedWith;

    /**
     * @param keyOf items whose keys are not {@code equals} are never batched together
     */
    public MicroBatcher(int maxBatchSize, Duration maxDelay, Function<? super T, ?> keyOf,
                        Scheduler scheduler, Sink<T, R> sink) {
        setMaxBatchSize(maxBatchSize);
        this.maxDelay = Objects.requireNonNull(maxDelay, "maxDelay");
        this.keyOf = Objects.requireNonNull(keyOf, "keyOf");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** Changes the size limit for batches formed from now on (e.g. once the model's own limit is known). */
    public void setMaxBatchSize(int maxBatchSize) {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be at least 1, got " + maxBatchSize);
        }
        this.maxBatchSize = maxBatchSize;
    }

    public int maxBatchSize() {
        return maxBatchSize;
    }

    public CompletableFuture<R> submit(T item) {
        Entry<T, R> entry = new Entry<>(item, new CompletableFuture<>());
        Object key = keyOf.apply(item);
        List<Entry<T, R>> first = null;
        List<Entry<T, R>> second = null;
        synchronized (lock) {
            if (closedWith != null) {
                return CompletableFuture.failedFuture(closedWith);
            }
            int limit = maxBatchSize;
            if (!pending.isEmpty() && (pending.size() >= limit || !pendingKey.equals(key))) {
                first = takePending();
            }
            pending.add(entry);
            pendingKey = key;
            if (pending.size() >= limit) {
                second = takePending();
            } else if (pending.size() == 1) {
                long batch = generation;
                cancelTimer = scheduler.schedule(() -> flushIfStillPending(batch), maxDelay);
            }
        }
        dispatch(first);
        dispatch(second);
        return entry.result();
    }

    /** Items waiting for their batch to be sent. */
    public int pendingCount() {
        synchronized (lock) {
            return pending.size();
        }
    }

    /** Stops taking items and fails those still waiting with {@code failure}. Idempotent. */
    public void close(RuntimeException failure) {
        List<Entry<T, R>> abandoned;
        synchronized (lock) {
            if (closedWith != null) {
                return;
            }
            closedWith = failure;
            abandoned = takePending();
        }
        for (Entry<T, R> entry : abandoned) {
            entry.result().completeExceptionally(failure);
        }
    }

    @Override
    public void close() {
        close(new IllegalStateException("micro-batcher closed"));
    }

    private void flushIfStillPending(long batch) {
        List<Entry<T, R>> due = null;
        synchronized (lock) {
            // A size-triggered flush may have sent this batch already; the generation tells.
            if (generation == batch && !pending.isEmpty()) {
                due = takePending();
            }
        }
        dispatch(due);
    }

    private List<Entry<T, R>> takePending() {
        List<Entry<T, R>> taken = pending;
        pending = new ArrayList<>();
        pendingKey = null;
        generation++;
        if (cancelTimer != null) {
            cancelTimer.run();
            cancelTimer = null;
        }
        return taken;
    }

    private void dispatch(List<Entry<T, R>> batch) {
        if (batch == null || batch.isEmpty()) {
            return;
        }
        List<T> items = new ArrayList<>(batch.size());
        for (Entry<T, R> entry : batch) {
            items.add(entry.item());
        }
        CompletableFuture<List<R>> sent;
        try {
            sent = sink.send(items);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((results, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                batch.forEach(entry -> entry.result().completeExceptionally(cause));
            } else if (results == null || results.size() != batch.size()) {
                IllegalStateException mismatch = new IllegalStateException("batch of " + batch.size()
                        + " items produced " + (results == null ? "no" : results.size()) + " results");
                batch.forEach(entry -> entry.result().completeExceptionally(mismatch));
            } else {
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).result().complete(results.get(i));
                }
            }
        });
    }
}
