package ore.game.adapter.out.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import ore.game.domain.leaderboard.LeaderboardKeys;
import ore.game.domain.leaderboard.Period;
import ore.testkit.OreInfra;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link RedisLeaderboard} against a real Redis: scores, and board expiries renewed once a minute, not per mine. */
class RedisLeaderboardTest {

    private static final Instant AT = Instant.parse("2026-12-02T10:00:00Z");

    private final LeaderboardKeys keys = new LeaderboardKeys(Duration.ofDays(2), Duration.ofDays(14));
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private RedisCommands<String, String> sync;
    private RedisLeaderboard boards;

    @BeforeEach
    void connect() {
        client = RedisClient.create(OreInfra.redis().uri());
        connection = client.connect();
        sync = connection.sync();
        boards = new RedisLeaderboard(connection.async(), keys, new SimpleMeterRegistry(), nanos::get);
    }

    @AfterEach
    void close() {
        connection.close();
        client.shutdown(0, 2, TimeUnit.SECONDS);
    }

    @Test
    void everyBoardCountsEveryMineButOnlyPeriodBoardsExpire() {
        UUID player = UUID.randomUUID();
        boards.add(player, 1, AT);
        boards.add(player, 2, AT);
        sync.ping(); // commands of one connection run in order: the adds above are done

        for (Period period : Period.values()) {
            assertThat(sync.zscore(keys.key(period, AT), player.toString())).as(period.name()).isEqualTo(3.0);
        }
        assertThat(sync.ttl(keys.key(Period.DAILY, AT))).isBetween(Duration.ofDays(2).toSeconds() - 10, Duration.ofDays(2).toSeconds());
        assertThat(sync.ttl(keys.key(Period.WEEKLY, AT))).isBetween(Duration.ofDays(14).toSeconds() - 10, Duration.ofDays(14).toSeconds());
        assertThat(sync.ttl(keys.key(Period.ALL, AT))).isEqualTo(-1);
    }

    @Test
    void theExpiryIsRenewedOncePerRefreshIntervalNotWithEveryMine() {
        String daily = keys.key(Period.DAILY, AT);
        boards.add(UUID.randomUUID(), 1, AT);
        sync.ping();
        assertThat(sync.ttl(daily)).isPositive();

        // Within the interval a mine does not send EXPIRE again: a board that lost its expiry keeps none...
        sync.persist(daily);
        nanos.addAndGet(RedisLeaderboard.EXPIRE_REFRESH.toNanos() - 1);
        boards.add(UUID.randomUUID(), 1, AT);
        sync.ping();
        assertThat(sync.ttl(daily)).isEqualTo(-1);
        assertThat(sync.zcard(daily)).isEqualTo(2);

        // ...until the interval has passed: the next mine renews it.
        nanos.addAndGet(1);
        boards.add(UUID.randomUUID(), 1, AT);
        sync.ping();
        assertThat(sync.ttl(daily)).isPositive();
    }

    @Test
    void aNewDaysBoardGetsItsExpiryAtOnce() {
        boards.add(UUID.randomUUID(), 1, AT);
        Instant nextDay = AT.plus(Duration.ofDays(1));
        boards.add(UUID.randomUUID(), 1, nextDay);
        sync.ping();
        assertThat(sync.ttl(keys.key(Period.DAILY, nextDay))).isPositive();
    }
}
