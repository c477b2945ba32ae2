package ore.location.adapter.out.redis;

import io.lettuce.core.KeyValue;
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
 *   <li>{@code loc:{p:<id>}:erased} tombstone after GDPR erasure.</li>
 * </ul>
 */
@Singleton
public class RedisPlayerStates implements PlayerStates {

    private static final LuaScript COMMIT = LuaScript.load("commit_track");
    private static final LuaScript ERASE = LuaScript.load("erase_player");

    private final RedisClusterAsyncCommands<String, String> redis;
    private final Duration trackTtl;

    public RedisPlayerStates(RedisClusterAsyncCommands<String, String> redis, LocationSettings.State settings) {
        this.redis = redis;
        this.trackTtl = settings.ttl();
    }

    @Override
    public Snapshot load(UUID playerId) {
        String tag = tag(playerId);
        List<KeyValue<String, String>> values = RedisCalls.await(
                redis.mget(tag + ":track", tag + ":share", tag + ":erased"));
        String stored = values.get(0).getValueOrElse(null);
        long version = 0;
        PlayerTrack track = PlayerTrack.EMPTY;
        if (stored != null) {
            int sep = stored.indexOf(';');
            version = parseVersion(stored, sep);
            track = TrackCodec.decode(sep < 0 ? null : stored.substring(sep + 1));
        }
        return new Snapshot(version, track, values.get(1).hasValue(), values.get(2).hasValue());
    }

    @Override
    public Commit commit(UUID playerId, long expectedVersion, PlayerTrack next, List<Long> cheatRejections,
                         Instant now, CheatCounting counting) {
        String tag = tag(playerId);
        String[] args = new String[8 + cheatRejections.size()];
        args[0] = Long.toString(expectedVersion);
        args[1] = TrackCodec.encode(next);
        args[2] = Long.toString(trackTtl.toMillis());
        args[3] = Long.toString(now.toEpochMilli());
        args[4] = Long.toString(now.minus(counting.window()).toEpochMilli());
        args[5] = Long.toString(counting.window().toMillis());
        args[6] = Integer.toString(counting.threshold());
        args[7] = Long.toString(counting.cooldown().toMillis());
        for (int i = 0; i < cheatRejections.size(); i++) {
            args[8 + i] = Long.toString(cheatRejections.get(i));
        }
        List<Long> result = RedisCalls.await(COMMIT.run(redis, ScriptOutputType.MULTI,
                new String[] {tag + ":track", tag + ":rej", tag + ":cheat", tag + ":erased"}, args));
        return new Commit(result.get(0) == 1L, result.get(1).intValue(), result.get(2) == 1L);
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
                new String[] {tag + ":track", tag + ":share", tag + ":rej", tag + ":cheat", tag + ":erased"},
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
