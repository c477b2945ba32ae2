package ore.core.realtime;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import ore.core.redis.LuaScript;

/**
 * The history of a realtime channel in Redis, written the same way by every producer and by
 * realtime-engine: each message is appended (and given its offset) before it is published, so a
 * client that was away recovers everything published meanwhile, even when no engine instance was
 * listening to the channel. Keys, all of one channel in one hash slot ({@code {<channel>}}):
 * {@code rt:h:{c}} the stream (at most {@code historySize} entries), {@code rt:m:{c}} the epoch and
 * newest offset (both expire {@code historyTtl} after the last message), and {@code rt:s:{c}:<sha1>}
 * the offset a message got ({@code seenTtl}), which makes appending the same message again a no-op
 * that answers the same offset.
 */
public final class RealtimeHistory {

    private static final LuaScript APPEND = LuaScript.load("/ore/core/realtime/append.lua");

    /** Where a message landed in its channel's history. */
    public record Appended(String epoch, long offset) {
    }

    /**
     * @param size    publications kept per channel
     * @param ttl     how long a channel's history outlives its last publication
     * @param seenTtl how long a message's offset is remembered, so a second append of it is a no-op
     */
    public record Settings(int size, Duration ttl, Duration seenTtl) {
        public Settings {
            if (size < 1 || ttl.isNegative() || ttl.isZero() || seenTtl.isNegative() || seenTtl.isZero()) {
                throw new IllegalArgumentException("a history needs a size of at least 1 and positive TTLs");
            }
        }
    }

    private RealtimeHistory() {
    }

    /** The hash tag that keeps every key of the channel in one slot. */
    public static String tag(String channel) {
        return "{" + channel + "}";
    }

    /**
     * Appends {@code message} to the history of {@code channel} (a channel name such as
     * {@code player:<id>}, without the {@code rt:} prefix of its pub/sub channel), or finds the offset
     * it already got.
     */
    public static CompletableFuture<Appended> append(RedisClusterAsyncCommands<String, String> redis, String channel,
                                                     String message, Settings settings) {
        String tag = tag(channel);
        return APPEND.<List<Object>>run(redis, ScriptOutputType.MULTI,
                        new String[] {"rt:h:" + tag, "rt:m:" + tag, "rt:s:" + tag + ":" + LuaScript.sha1(message)},
                        message, newEpoch(), Integer.toString(settings.size()), Long.toString(settings.ttl().toMillis()),
                        Long.toString(settings.seenTtl().toMillis()))
                .thenApply(r -> new Appended((String) r.get(0), ((Number) r.get(1)).longValue()));
    }

    /** A new epoch name: random, short, URL-safe. */
    public static String newEpoch() {
        return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    }
}
