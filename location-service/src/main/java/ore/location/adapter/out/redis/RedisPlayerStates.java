package ore.location.adapter.out.redis;

import io.lettuce.core.KeyValue;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import ore.location.app.LocationTracked;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import ore.location.app.port.PlayerStates;
import ore.location.config.LocationSettings;
import ore.location.domain.fix.PlayerTrack;

/**
 * {@link PlayerStates} in Redis. Every key of a player carries the hash tag {@code {p:<id>}}, so they
 * live in one cluster slot and one MGET or script touches them all (ElastiCache Serverless runs in
 * cluster mode):
 * <ul>
 *   <li>{@code loc:{p:<id>}:track}  {@code "<version>;<track>"} ({@link TrackCodec}), expiring after
 *       {@code ore.location.state.ttl} without updates (24 h: the next fix is then judged fresh);</li>
 *   <li>{@code loc:{p:<id>}:share}  {@code "1"} when the player opted in to nearby (no expiry; losing
 *       it falls back to private, the safe side);</li>
 *   <li>{@code loc:{p:<id>}:rej}    rejections counted for SuspectedCheat (sorted set, self-trimming);</li>
 *   <li>{@code loc:{p:<id>}:cheat}  set while a report was raised recently;</li>
 *   <li>{@code loc:{p:<id>}:erased} tombstone after GDPR erasure;</li>
 *   <li>{@code loc:{p:<id>}:pending} {@code "<version>;<events JSON>"}: the tracking events of the last
 *       commit until Kafka acknowledged them.</li>
 * </ul>
 */
@Singleton
public class RedisPlayerStates implements PlayerStates {

    private static final LuaScript COMMIT = LuaScript.load("commit_track");
    private static final LuaScript ERASE = LuaScript.load("erase_player");
    private static final LuaScript CLEAR_PENDING = LuaScript.load("clear_pending");
    /** Players with unpublished events (not hash-tagged: written only when Kafka failed). */
    static final String PENDING_INDEX = "loc:pending-players";
    private static final Logger LOG = LoggerFactory.getLogger(RedisPlayerStates.class);
    private static final Argument<List<LocationTracked>> EVENTS = Argument.listOf(LocationTracked.class);

    private final RedisClusterAsyncCommands<String, String> redis;
    private final Duration trackTtl;
    private final JsonMapper json;

    public RedisPlayerStates(RedisClusterAsyncCommands<String, String> redis, LocationSettings.State settings,
                             JsonMapper json) {
        this.redis = redis;
        this.trackTtl = settings.ttl();
        this.json = json;
    }

    @Override
    public Snapshot load(UUID playerId) {
        String tag = tag(playerId);
        List<KeyValue<String, String>> values = RedisCalls.await(
                redis.mget(tag + ":track", tag + ":share", tag + ":erased", tag + ":pending"));
        String stored = values.get(0).getValueOrElse(null);
        long version = 0;
        PlayerTrack track = PlayerTrack.EMPTY;
        if (stored != null) {
            int sep = stored.indexOf(';');
            version = parseVersion(stored, sep);
            track = TrackCodec.decode(sep < 0 ? null : stored.substring(sep + 1));
        }
        return new Snapshot(version, track, values.get(1).hasValue(), values.get(2).hasValue(),
                decodePending(playerId, values.get(3).getValueOrElse(null)));
    }

    private List<LocationTracked> decodePending(UUID playerId, String stored) {
        if (stored == null) {
            return List.of();
        }
        int sep = stored.indexOf(';');
        try {
            return json.readValue(stored.substring(sep + 1), EVENTS);
        } catch (IOException | RuntimeException e) {
            LOG.error("Unreadable pending tracking events of player {} dropped: {}", playerId, e.toString());
            return List.of();
        }
    }

    @Override
    public Commit commit(UUID playerId, long expectedVersion, PlayerTrack next, List<Long> cheatRejections,
                         Instant now, CheatCounting counting, List<LocationTracked> events) {
        String tag = tag(playerId);
        String[] args = new String[9 + cheatRejections.size()];
        args[0] = Long.toString(expectedVersion);
        args[1] = TrackCodec.encode(next);
        args[2] = Long.toString(trackTtl.toMillis());
        args[3] = Long.toString(now.toEpochMilli());
        args[4] = Long.toString(now.minus(counting.window()).toEpochMilli());
        args[5] = Long.toString(counting.window().toMillis());
        args[6] = Integer.toString(counting.threshold());
        args[7] = Long.toString(counting.cooldown().toMillis());
        try {
            args[8] = events.isEmpty() ? "" : json.writeValueAsString(events);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize tracking events", e);
        }
        for (int i = 0; i < cheatRejections.size(); i++) {
            args[9 + i] = Long.toString(cheatRejections.get(i));
        }
        List<Long> result = RedisCalls.await(COMMIT.run(redis, ScriptOutputType.MULTI,
                new String[] {tag + ":track", tag + ":rej", tag + ":cheat", tag + ":erased", tag + ":pending"}, args));
        return new Commit(result.get(0) == 1L, result.get(1).intValue(), result.get(2) == 1L);
    }

    @Override
    public void clearPending(UUID playerId, long version) {
        try {
            CLEAR_PENDING.run(redis, ScriptOutputType.INTEGER, new String[] {tag(playerId) + ":pending"},
                    Long.toString(version)).exceptionally(e -> {
                        LOG.debug("Pending events of player {} not cleared (republished later): {}", playerId,
                                e.toString());
                        return null;
                    });
        } catch (RuntimeException e) {
            LOG.debug("Pending events of player {} not cleared (republished later): {}", playerId, e.toString());
        }
    }

    @Override
    public void markPending(UUID playerId, Instant now) {
        RedisCalls.await(redis.zadd(PENDING_INDEX, now.toEpochMilli(), playerId.toString()));
    }

    @Override
    public List<UUID> markedPending(Instant before, int limit) {
        return RedisCalls.await(redis.zrangebyscore(PENDING_INDEX,
                        io.lettuce.core.Range.create(0, before.toEpochMilli()),
                        io.lettuce.core.Limit.create(0, limit)))
                .stream().map(UUID::fromString).toList();
    }

    @Override
    public void unmarkPending(UUID playerId) {
        RedisCalls.await(redis.zrem(PENDING_INDEX, playerId.toString()));
    }

    @Override
    public void clearCheatReported(UUID playerId) {
        RedisCalls.await(redis.del(tag(playerId) + ":cheat"));
    }

    @Override
    public void setSharing(UUID playerId, boolean sharing) {
        String key = tag(playerId) + ":share";
        if (sharing) {
            RedisCalls.await(redis.set(key, "1"));
        } else {
            RedisCalls.await(redis.del(key));
        }
    }

    @Override
    public Optional<PlayerTrack> erase(UUID playerId, Duration tombstoneTtl) {
        String tag = tag(playerId);
        String stored = RedisCalls.await(ERASE.<String>run(redis, ScriptOutputType.VALUE,
                new String[] {tag + ":track", tag + ":share", tag + ":rej", tag + ":cheat", tag + ":erased",
                        tag + ":pending"},
                Long.toString(tombstoneTtl.toMillis())));
        if (stored == null) {
            return Optional.empty();
        }
        int sep = stored.indexOf(';');
        return Optional.of(TrackCodec.decode(sep < 0 ? null : stored.substring(sep + 1)));
    }

    static String tag(UUID playerId) {
        return "loc:{p:" + playerId + "}";
    }

    private static long parseVersion(String stored, int sep) {
        try {
            return sep < 0 ? 0 : Long.parseLong(stored, 0, sep, 10);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
