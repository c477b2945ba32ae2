package ore.inference.batch;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The batcher on a hand-driven clock: timers fire only when the test says so. */
class MicroBatcherTest {

    /** A scheduler whose tasks run when {@link #fire()} is called. */
    private static class ManualScheduler implements MicroBatcher.Scheduler {
        final List<Runnable> scheduled = new ArrayList<>();
        final List<Duration> delays = new ArrayList<>();
        int cancelled;

        @Override
        public synchronized Runnable schedule(Runnable task, Duration delay) {
            scheduled.add(task);
            delays.add(delay);
            return () -> {
                synchronized (this) {
                    if (scheduled.remove(task)) {
                        cancelled++;
                    }
                }
            };
        }

        void fire() {
            List<Runnable> due;
            synchronized (this) {
                due = new ArrayList<>(scheduled);
                scheduled.clear();
            }
            due.forEach(Runnable::run);
        }
    }

    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<List<String>> sent = new CopyOnWriteArrayList<>();

    /** Answers each item with its upper-case form. */
    private MicroBatcher<String, String> batcher(int max, Function<String, ?> key) {
        return new MicroBatcher<>(max, Duration.ofMillis(2), key, scheduler, batch -> {
            sent.add(batch);
            return CompletableFuture.completedFuture(batch.stream().map(String::toUpperCase).toList());
        });
    }

    @Test
    void sendsAFullBatchAtOnceWithoutWaiting() {
        MicroBatcher<String, String> batcher = batcher(3, s -> "k");

        CompletableFuture<String> a = batcher.submit("a");
        CompletableFuture<String> b = batcher.submit("b");
        assertThat(sent).isEmpty();
        CompletableFuture<String> c = batcher.submit("c");

        assertThat(sent).containsExactly(List.of("a", "b", "c"));
        assertThat(List.of(a.join(), b.join(), c.join())).containsExactly("A", "B", "C");
        assertThat(scheduler.cancelled).isEqualTo(1);
    }

    @Test
    void sendsAPartialBatchWhenTheDelayEnds() {
        MicroBatcher<String, String> batcher = batcher(10, s -> "k");

        CompletableFuture<String> a = batcher.submit("a");
        CompletableFuture<String> b = batcher.submit("b");
        assertThat(scheduler.delays).containsExactly(Duration.ofMillis(2));
        assertThat(a).isNotDone();

        scheduler.fire();

        assertThat(sent).containsExactly(List.of("a", "b"));
        assertThat(a.join() + b.join()).isEqualTo("AB");
        assertThat(batcher.pendingCount()).isZero();
    }

    @Test
    void aStaleTimerDoesNotSendTheNextBatchEarly() {
        ManualScheduler keepsCancelled = new ManualScheduler() {
            @Override
            public synchronized Runnable schedule(Runnable task, Duration delay) {
                scheduled.add(task);
                return () -> { };
            }
        };
        MicroBatcher<String, String> batcher = new MicroBatcher<>(2, Duration.ofMillis(2), s -> "k", keepsCancelled,
                batch -> {
                    sent.add(batch);
                    return CompletableFuture.completedFuture(batch);
                });

        batcher.submit("a");
        batcher.submit("b");
        batcher.submit("c");
        // The first timer belongs to the batch [a, b], already sent because it was full.
        keepsCancelled.scheduled.getFirst().run();

        assertThat(sent).containsExactly(List.of("a", "b"));
        assertThat(batcher.pendingCount()).isEqualTo(1);
    }

    @Test
    void neverMixesItemsWithDifferentKeys() {
        MicroBatcher<String, String> batcher = batcher(10, s -> s.length());

        batcher.submit("a");
        batcher.submit("b");
        batcher.submit("cc");
        batcher.submit("d");
        scheduler.fire();

        assertThat(sent).containsExactly(List.of("a", "b"), List.of("cc"), List.of("d"));
    }

    @Test
    void aLowerLimitAppliesToTheNextSubmission() {
        MicroBatcher<String, String> batcher = batcher(10, s -> "k");
        batcher.submit("a");
        batcher.submit("b");
        batcher.submit("c");

        batcher.setMaxBatchSize(2);
        batcher.submit("d");
        scheduler.fire();

        assertThat(sent).containsExactly(List.of("a", "b", "c"), List.of("d"));
        assertThat(sent).allSatisfy(batch -> assertThat(batch.size()).isLessThanOrEqualTo(3));
    }

    @Test
    void aFailedBatchFailsEachOfItsItems() {
        IllegalStateException boom = new IllegalStateException("boom");
        MicroBatcher<String, String> batcher = new MicroBatcher<>(2, Duration.ofMillis(2), s -> "k", scheduler,
                batch -> CompletableFuture.failedFuture(boom));

        CompletableFuture<String> a = batcher.submit("a");
        CompletableFuture<String> b = batcher.submit("b");

        assertThat(a.handle((r, e) -> e).join()).isSameAs(boom);
        assertThat(b.handle((r, e) -> e).join()).isSameAs(boom);
    }

    @Test
    void aSinkThatThrowsOrMiscountsFailsTheItems() {
        MicroBatcher<String, String> throwing = new MicroBatcher<>(1, Duration.ofMillis(2), s -> "k", scheduler,
                batch -> {
                    throw new IllegalArgumentException("bad batch");
                });
        assertThat(throwing.submit("a").handle((r, e) -> e.getMessage()).join()).isEqualTo("bad batch");

        MicroBatcher<String, String> miscounting = new MicroBatcher<>(2, Duration.ofMillis(2), s -> "k", scheduler,
                batch -> CompletableFuture.completedFuture(List.of("only one")));
        CompletableFuture<String> a = miscounting.submit("a");
        miscounting.submit("b");
        assertThat(a.handle((r, e) -> e.getMessage()).join()).isEqualTo("batch of 2 items produced 1 results");
    }

    @Test
    void closingFailsWaitingItemsAndRefusesNewOnes() {
        MicroBatcher<String, String> batcher = batcher(10, s -> "k");
        CompletableFuture<String> waiting = batcher.submit("a");
        IllegalStateException closed = new IllegalStateException("closed");

        batcher.close(closed);

        assertThat(waiting.handle((r, e) -> e).join()).isSameAs(closed);
        assertThat(batcher.submit("b").handle((r, e) -> e).join()).isSameAs(closed);
        scheduler.fire();
        assertThat(sent).isEmpty();
    }

    @Test
    void concurrentSubmittersGetTheirOwnResultsAndBatchesStayWithinTheLimit() throws Exception {
        MicroBatcher<String, String> batcher = batcher(7, s -> "k");
        int callers = 500;
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<String>> results = new CopyOnWriteArrayList<>();
        List<String> expected = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < callers; i++) {
                String item = "item-" + i;
                expected.add(item.toUpperCase());
                pool.submit(() -> {
                    go.await();
                    results.add(batcher.submit(item).thenApply(r -> r + "|" + item.toUpperCase()));
                    return null;
                });
            }
            go.countDown();
        }
        scheduler.fire();

        assertThat(results).hasSize(callers);
        assertThat(results).allSatisfy(f -> {
            String[] parts = f.join().split("\\|");
            assertThat(parts[0]).isEqualTo(parts[1]);
        });
        assertThat(sent).allSatisfy(batch -> assertThat(batch.size()).isBetween(1, 7));
        assertThat(sent.stream().mapToInt(List::size).sum()).isEqualTo(callers);
    }
}
