package ore.realtime.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import ore.realtime.app.port.PresenceStore;
import ore.realtime.domain.ChannelName;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The {@link PresenceStore} contract, run against every implementation with a TTL of {@link #TTL}. */
public abstract class PresenceStoreContract {

    protected static final Duration TTL = Duration.ofSeconds(1);

    protected abstract PresenceStore store();

    static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
        return stage.toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Test
    void countsRefreshedEntriesAndForgetsRemovedOnes() {
        var channel = ChannelName.player(UUID.randomUUID());
        assertThat(join(store().count(channel))).isZero();
        join(store().refresh(channel, List.of("c1", "c2")));
        join(store().refresh(channel, List.of("c2", "c3")));
        assertThat(join(store().count(channel))).isEqualTo(3);
        join(store().remove(channel, "c2"));
        assertThat(join(store().count(channel))).isEqualTo(2);
        assertThat(join(store().count(ChannelName.player(UUID.randomUUID())))).isZero();
    }

    @Test
    void entriesThatAreNotRenewedExpire() {
        var channel = ChannelName.player(UUID.randomUUID());
        join(store().refresh(channel, List.of("dead", "alive")));
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            join(store().refresh(channel, List.of("alive")));
            return join(store().count(channel)) == 1;
        });
    }
}
