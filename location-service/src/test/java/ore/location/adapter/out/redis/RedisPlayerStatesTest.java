package ore.location.adapter.out.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import ore.location.app.port.PlayerStates;
import ore.location.config.LocationSettings;
import ore.location.domain.fix.Fix;
import ore.location.domain.fix.PlayerTrack;
import ore.location.domain.fix.Verdict;
import ore.testkit.OreInfra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The {@link PlayerStates} contract on the real Redis: optimistic commits, cheat counting, erasure. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisPlayerStatesTest {

    static final PlayerStates.CheatCounting COUNTING =
            new PlayerStates.CheatCounting(Duration.ofMinutes(10), 3, Duration.ofMinutes(10));

    RedisClient client;
    StatefulRedisConnection<String, String> connection;
    RedisPlayerStates states;

    @BeforeAll
    void connect() {
        client = RedisClient.create(OreInfra.redis().uri());
        connection = client.connect();
        RedisClusterAsyncCommands<String, String> redis = connection.async();
        states = new RedisPlayerStates(redis, new LocationSettings.State(Duration.ofHours(1), Duration.ofDays(1)),
                io.micronaut.json.JsonMapper.createDefault());
    }

    @AfterAll
    void close() {
        connection.close();
        client.shutdown();
    }

    private static PlayerTrack track(long ts) {
        return PlayerTrack.EMPTY.withAccepted(Fix.of(1, 2, 5, ts), Verdict.TRUSTED);
    }

    @Test
    void aCommitAppliesOnlyOnTheVersionItWasBasedOn() {
        UUID player = UUID.randomUUID();
        var fresh = states.load(player);
        assertThat(fresh.version()).isZero();
        assertThat(fresh.track()).isEqualTo(PlayerTrack.EMPTY);
        assertThat(fresh.sharing()).isFalse();

        assertThat(states.commit(player, 0, track(1000), List.of(), Instant.now(), COUNTING).applied()).isTrue();
        assertThat(states.commit(player, 0, track(2000), List.of(), Instant.now(), COUNTING).applied())
                .as("a second writer based on the same version loses").isFalse();
        var loaded = states.load(player);
        assertThat(loaded.version()).isEqualTo(1);
        assertThat(loaded.track()).isEqualTo(track(1000));
        assertThat(states.commit(player, 1, track(2000), List.of(), Instant.now(), COUNTING).applied()).isTrue();
    }

    @Test
    void rejectionsAreCountedAndReportedOncePerWindow() {
        UUID player = UUID.randomUUID();
        var c1 = states.commit(player, 0, track(1), List.of(10L, 11L), Instant.now(), COUNTING);
        assertThat(c1.recentRejections()).isEqualTo(2);
        assertThat(c1.suspectedCheat()).isFalse();
        var c2 = states.commit(player, 1, track(2), List.of(12L), Instant.now(), COUNTING);
        assertThat(c2.recentRejections()).isEqualTo(3);
        assertThat(c2.suspectedCheat()).isTrue();
        var c3 = states.commit(player, 2, track(3), List.of(13L), Instant.now(), COUNTING);
        assertThat(c3.suspectedCheat()).as("not again within the cooldown").isFalse();
        states.clearCheatReported(player);
        assertThat(states.commit(player, 3, track(4), List.of(14L), Instant.now(), COUNTING).suspectedCheat()).isTrue();
        // Rejections older than the window no longer count.
        var later = Instant.now().plus(Duration.ofMinutes(11));
        assertThat(states.commit(player, 4, track(5), List.of(15L), later, COUNTING).recentRejections()).isEqualTo(1);
    }

    @Test
    void erasureDeletesTheStateAndLeavesATombstone() {
        UUID player = UUID.randomUUID();
        states.setSharing(player, true);
        states.commit(player, 0, track(1000).withNearbyCell(42), List.of(1L), Instant.now(), COUNTING);
        assertThat(states.erase(player, Duration.ofDays(1))).contains(track(1000).withNearbyCell(42));
        var after = states.load(player);
        assertThat(after.erased()).isTrue();
        assertThat(after.sharing()).isFalse();
        assertThat(after.track()).isEqualTo(PlayerTrack.EMPTY);
        assertThat(states.erase(player, Duration.ofDays(1))).as("idempotent").isEmpty();
        assertThat(states.commit(player, 0, track(2000), List.of(), Instant.now(), COUNTING).applied())
                .as("an update that loaded before the erasure cannot write the state back").isFalse();
    }

    @Test
    void scriptsSurviveAFlushOfTheScriptCache() {
        UUID player = UUID.randomUUID();
        connection.sync().scriptFlush();
        assertThat(states.commit(player, 0, track(1), List.of(), Instant.now(), COUNTING).applied()).isTrue();
    }
}
