package ore.game.adapter.out.redis;

import io.lettuce.core.ScoredValue;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import ore.game.app.port.Leaderboard;
import ore.game.domain.leaderboard.LeaderboardKeys;
import ore.game.domain.leaderboard.Period;
import ore.game.domain.leaderboard.Standing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leaderboards as Redis sorted sets (member: player id, score: ore mined), named by
 * {@link LeaderboardKeys}. Every command touches one key, so this works on a Redis cluster.
 *
 * <p>A mine costs one {@code ZINCRBY} per board. The daily and weekly boards also need their
 * expiry, which only has to be renewed now and then (their TTLs are a day and more beyond their
 * period): each instance sends {@code EXPIRE} for a board once per {@link #EXPIRE_REFRESH} rather
 * than with every mine, two Redis commands fewer per mine. A board recreated in the meantime (Redis
 * lost it) gets its expiry back at the next refresh; a failed {@code EXPIRE} is sent again with the
 * next mine.
 */
public class RedisLeaderboard implements Leaderboard {

    private static final Logger LOG = LoggerFactory.getLogger(RedisLeaderboard.class);
    /** How often an instance renews a board's expiry while it writes to it. */
    static final Duration EXPIRE_REFRESH = Duration.ofMinutes(1);

    private final RedisClusterAsyncCommands<String, String> redis;
    private final LeaderboardKeys keys;
    private final Counter failures;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - Duration.ofMinutes(1).toNanos());
    private final LongSupplier nanoTime;
    /** Board key to the time ({@link #nanoTime}) its expiry was last sent from here. */
    private final Map<String, Long> expirySent = new ConcurrentHashMap<>();

    public RedisLeaderboard(RedisClusterAsyncCommands<String, String> redis, LeaderboardKeys keys, MeterRegistry meters) {
        this(redis, keys, meters, System::nanoTime);
    }

    RedisLeaderboard(RedisClusterAsyncCommands<String, String> redis, LeaderboardKeys keys, MeterRegistry meters,
                     LongSupplier nanoTime) {
        this.redis = redis;
        this.keys = keys;
        this.nanoTime = nanoTime;
        this.failures = Counter.builder("ore.game.leaderboard.write.failures")
                .description("Leaderboard writes lost because Redis failed").register(meters);
    }

    @Override
    public void add(UUID playerId, long amount, Instant at) {
        String member = playerId.toString();
        try {
            for (Period period : Period.values()) {
                String key = keys.key(period, at);
                redis.zincrby(key, amount, member).whenComplete((v, e) -> failed(e));
                Duration ttl = keys.ttl(period);
                if (ttl != null && expiryDue(key)) {
                    redis.expire(key, ttl).whenComplete((v, e) -> {
                        if (e != null) {
                            expirySent.remove(key);
                        }
                        failed(e);
                    });
                }
            }
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    @Override
    public List<Standing> top(Period period, Instant at, int limit) {
        return standings(RedisCalls.await(redis.zrevrangeWithScores(keys.key(period, at), 0, limit - 1)), 0);
    }

    @Override
    public AroundMe around(Period period, Instant at, UUID playerId, int around) {
        String key = keys.key(period, at);
        Long rank = RedisCalls.await(redis.zrevrank(key, playerId.toString()));
        if (rank == null) {
            return new AroundMe(Optional.empty(), List.of());
        }
        long start = Math.max(0, rank - around);
        List<Standing> near = standings(RedisCalls.await(redis.zrevrangeWithScores(key, start, rank + around)), start);
        Optional<Standing> me = near.stream().filter(s -> s.playerId().equals(playerId)).findFirst();
        return new AroundMe(me, near);
    }

    @Override
    public void remove(UUID playerId, Instant now) {
        var removals = new ArrayList<java.util.concurrent.CompletableFuture<Long>>();
        for (String key : keys.liveKeys(now)) {
            removals.add(redis.zrem(key, playerId.toString()).toCompletableFuture());
        }
        for (var removal : removals) {
            RedisCalls.await(removal);
        }
    }

    /** Whether this instance should (re)send the board's expiry now; claims the send if so. */
    private boolean expiryDue(String key) {
        long now = nanoTime.getAsLong();
        Long sent = expirySent.get(key);
        if (sent != null && now - sent < EXPIRE_REFRESH.toNanos()) {
            return false;
        }
        boolean claimed = sent == null ? expirySent.putIfAbsent(key, now) == null : expirySent.replace(key, sent, now);
        if (claimed && sent == null && expirySent.size() > 8) {
            // Boards of past days and weeks are no longer written: forget them.
            expirySent.entrySet().removeIf(e -> now - e.getValue() >= EXPIRE_REFRESH.toNanos());
        }
        return claimed;
    }

    private static List<Standing> standings(List<ScoredValue<String>> values, long firstIndex) {
        var result = new ArrayList<Standing>(values.size());
        long rank = firstIndex + 1;
        for (ScoredValue<String> v : values) {
            result.add(new Standing(rank++, UUID.fromString(v.getValue()), Math.round(v.getScore())));
        }
        return result;
    }

    private void failed(Throwable e) {
        if (e != null) {
            failures.increment();
            RedisCalls.warnThrottled(LOG, lastWarning, "Leaderboard write", e);
        }
    }
}
