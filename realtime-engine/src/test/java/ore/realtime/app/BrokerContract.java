package ore.realtime.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import ore.realtime.app.port.Broker;
import ore.realtime.domain.ChannelName;
import ore.realtime.domain.Publication;
import ore.realtime.domain.StreamPosition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link Broker} contract, run against every implementation: two brokers on one backend stand
 * for two engine instances.
 */
public abstract class BrokerContract {

    /** Received publications of one broker. */
    protected static final class Inbox implements Broker.Handler {
        final List<Publication> received = new CopyOnWriteArrayList<>();

        public Inbox() {
        }

        public List<Publication> received() {
            return received;
        }

        @Override
        public void onPublication(ChannelName channel, Publication publication) {
            received.add(publication);
        }
    }

    protected abstract Broker newBroker();

    /** Loses the channel's history, as its TTL running out (or Redis losing it) would. */
    protected abstract void loseHistory(ChannelName channel);

    /** History size the brokers were built with. */
    protected abstract int historySize();

    private final List<Broker> brokers = new CopyOnWriteArrayList<>();

    protected Broker started(Inbox inbox) {
        Broker broker = newBroker();
        broker.start(inbox);
        brokers.add(broker);
        return broker;
    }

    @BeforeEach
    void clear() {
        brokers.clear();
    }

    @AfterEach
    void close() {
        brokers.forEach(Broker::close);
    }

    static ChannelName channel() {
        return ChannelName.player(UUID.randomUUID());
    }

    static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
        return stage.toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    static String message(int n) {
        return "{\"type\":\"t\",\"at\":\"2026-01-01T00:00:00Z\",\"n\":" + n + "}";
    }

    @Test
    void everySubscribedInstanceGetsEveryMessageInOrderUnderOneOffset() {
        var inboxA = new Inbox();
        var inboxB = new Inbox();
        Broker a = started(inboxA);
        Broker b = started(inboxB);
        ChannelName channel = channel();
        StreamPosition start = join(a.subscribe(channel));
        join(b.subscribe(channel));
        assertThat(start.offset()).isZero();
        for (int n = 1; n <= 10; n++) {
            join((n % 2 == 0 ? a : b).publish(channel, message(n)));
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> inboxA.received.size() == 10 && inboxB.received.size() == 10);
        assertThat(inboxA.received).extracting(Publication::offset).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(inboxA.received).isEqualTo(inboxB.received);
        assertThat(inboxA.received.get(2).data()).isEqualTo(message(3));
        assertThat(inboxA.received).extracting(Publication::epoch).containsOnly(start.epoch());
    }

    @Test
    void anUnsubscribedInstanceGetsNothingMore() {
        var inboxA = new Inbox();
        var inboxB = new Inbox();
        Broker a = started(inboxA);
        Broker b = started(inboxB);
        ChannelName channel = channel();
        join(a.subscribe(channel));
        join(b.subscribe(channel));
        join(a.publish(channel, message(1)));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> inboxB.received.size() == 1);
        join(b.unsubscribe(channel));
        join(a.publish(channel, message(2)));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> inboxA.received.size() == 2);
        join(a.publish(channel, message(3)));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> inboxA.received.size() == 3);
        assertThat(inboxB.received).hasSize(1);
    }

    @Test
    void recoveryReturnsEverythingAfterTheOffsetOrNothing() {
        var inbox = new Inbox();
        Broker a = started(inbox);
        ChannelName channel = channel();
        String epoch = join(a.subscribe(channel)).epoch();
        for (int n = 1; n <= 5; n++) {
            join(a.publish(channel, message(n)));
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> inbox.received.size() == 5);

        var recovery = join(a.recover(channel, 2, epoch));
        assertThat(recovery.recovered()).isTrue();
        assertThat(recovery.position()).isEqualTo(new StreamPosition(5, epoch));
        assertThat(recovery.publications()).extracting(Publication::offset).containsExactly(3L, 4L, 5L);
        assertThat(recovery.publications()).extracting(Publication::data).containsExactly(message(3), message(4), message(5));

        assertThat(join(a.recover(channel, 5, epoch)).publications()).isEmpty();
        assertThat(join(a.recover(channel, 5, epoch)).recovered()).isTrue();
        assertThat(join(a.recover(channel, 2, "another-epoch")).recovered()).isFalse();
        assertThat(join(a.recover(channel, 6, epoch)).recovered()).isFalse();
    }

    @Test
    void aGapLargerThanTheHistoryIsNotRecovered() {
        var inbox = new Inbox();
        Broker a = started(inbox);
        ChannelName channel = channel();
        String epoch = join(a.subscribe(channel)).epoch();
        int total = historySize() + 3;
        for (int n = 1; n <= total; n++) {
            join(a.publish(channel, message(n)));
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> inbox.received.size() == total);
        var tooOld = join(a.recover(channel, 1, epoch));
        assertThat(tooOld.recovered()).isFalse();
        assertThat(tooOld.publications()).isEmpty();
        assertThat(tooOld.position().offset()).isEqualTo(total);
        var recent = join(a.recover(channel, total - historySize(), epoch));
        assertThat(recent.recovered()).isTrue();
        assertThat(recent.publications()).hasSize(historySize());

        var history = join(a.history(channel, 3));
        assertThat(history.publications()).extracting(Publication::offset)
                .containsExactly((long) total - 2, (long) total - 1, (long) total);
        assertThat(join(a.history(channel, 0)).publications()).isEmpty();
    }

    @Test
    void whatIsPublishedWhileNobodyListensIsRecoveredLater() {
        var inbox = new Inbox();
        Broker a = started(inbox);
        Broker b = started(new Inbox());
        ChannelName channel = channel();
        join(a.subscribe(channel));
        join(a.publish(channel, message(1)));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> inbox.received.size() == 1);
        Publication last = inbox.received.get(0);
        join(a.unsubscribe(channel));

        // The client is away and no instance holds the channel (an engine restart); producers go on.
        join(b.publish(channel, message(2)));
        join(b.publish(channel, message(3)));

        StreamPosition again = join(a.subscribe(channel));
        assertThat(again).isEqualTo(new StreamPosition(3, last.epoch()));
        var recovery = join(a.recover(channel, last.offset(), last.epoch()));
        assertThat(recovery.recovered()).isTrue();
        assertThat(recovery.publications()).extracting(Publication::offset).containsExactly(2L, 3L);
        assertThat(recovery.publications()).extracting(Publication::data).containsExactly(message(2), message(3));
    }

    @Test
    void whenTheHistoryIsGoneTheNextSubscriptionStartsANewEpoch() {
        var inbox = new Inbox();
        Broker a = started(inbox);
        ChannelName channel = channel();
        String first = join(a.subscribe(channel)).epoch();
        join(a.publish(channel, message(1)));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> inbox.received.size() == 1);
        join(a.unsubscribe(channel));
        loseHistory(channel);

        StreamPosition again = join(a.subscribe(channel));
        assertThat(again.epoch()).isNotEqualTo(first);
        assertThat(join(a.recover(channel, 1, first)).recovered()).isFalse();
    }
}
