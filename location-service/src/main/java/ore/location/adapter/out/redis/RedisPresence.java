package ore.location.adapter.out.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import ore.location.app.port.Presence;
import ore.location.config.LocationSettings;

/**
 * {@link Presence} in Redis, one pair of keys per coarse H3 cell (resolution 7 by default, about
 * 5 km², so a 1 km search touches a handful of cells):
 * <ul>
 *   <li>{@code loc:geo:{c:<cell>}}  GEO set of listed players (exact positions, never returned as is);</li>
 *   <li>{@code loc:seen:{c:<cell>}} sorted set player → last seen (ms).</li>
 * </ul>
 * Both share the hash tag {@code {c:<cell>}}, so the scripts that keep them in step run on one
 * cluster node. Expiry of individual members (Redis has none for set members) works by time: the
 * search skips members not seen within the presence TTL, every write removes up to 100 stale ones
 * and caps the cell at {@code max-members-per-cell} (longest unseen go first), and each key expires
 * two presence TTLs after its last write. No key grows without bound.
 */
@Singleton
public class RedisPresence implements Presence {

    private static final LuaScript LIST = LuaScript.load("presence_list");
    private static final LuaScript SEARCH = LuaScript.load("presence_search");

    private final RedisClusterAsyncCommands<String, String> redis;
    private final Duration ttl;
    private final int maxMembers;

    public RedisPresence(RedisClusterAsyncCommands<String, String> redis, LocationSettings.Nearby settings) {
        this.redis = redis;
        this.ttl = settings.presenceTtl();
        this.maxMembers = settings.maxMembersPerCell();
    }

    @Override
    public void list(UUID playerId, long cell, double lat, double lon, Instant at) {
        String tag = tag(cell);
        RedisCalls.await(LIST.run(redis, ScriptOutputType.INTEGER, new String[] {"loc:geo:" + tag, "loc:seen:" + tag},
                playerId.toString(), Double.toString(lon), Double.toString(lat), Long.toString(at.toEpochMilli()),
                Long.toString(at.minus(ttl).toEpochMilli()), Integer.toString(maxMembers),
                Long.toString(ttl.multipliedBy(2).toMillis())));
    }

    @Override
    public void unlist(UUID playerId, long cell) {
        String tag = tag(cell);
        var geo = redis.zrem("loc:geo:" + tag, playerId.toString());
        RedisCalls.await(redis.zrem("loc:seen:" + tag, playerId.toString()));
        RedisCalls.await(geo);
    }

    @Override
    public List<Entry> search(List<Long> cells, double lat, double lon, double radiusM, int limit, Instant now) {
        String since = Long.toString(now.minus(ttl).toEpochMilli());
        var pending = new ArrayList<CompletionStage<List<String>>>(cells.size());
        for (long cell : cells) {
            String tag = tag(cell);
            pending.add(SEARCH.run(redis, ScriptOutputType.MULTI, new String[] {"loc:geo:" + tag, "loc:seen:" + tag},
                    Double.toString(lon), Double.toString(lat), Double.toString(radiusM), Integer.toString(limit), since));
        }
        var entries = new ArrayList<Entry>();
        for (CompletionStage<List<String>> call : pending) {
            List<String> flat = RedisCalls.await(call);
            for (int i = 0; i + 2 < flat.size(); i += 3) {
                entries.add(new Entry(UUID.fromString(flat.get(i)), Double.parseDouble(flat.get(i + 2)),
                        Double.parseDouble(flat.get(i + 1))));
            }
        }
        return entries;
    }

    private static String tag(long cell) {
        return "{c:" + Long.toHexString(cell) + "}";
    }
}
