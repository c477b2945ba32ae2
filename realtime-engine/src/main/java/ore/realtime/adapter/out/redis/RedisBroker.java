package ore.realtime.adapter.out.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import ore.realtime.app.port.Broker;
import ore.realtime.domain.ChannelName;
import ore.realtime.domain.Publication;
import ore.realtime.domain.StreamPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Broker} on Redis: producers publish JSON on {@code rt:<channel>} (SPUBLISH when
 * {@code sharded}, Redis 7 / ElastiCache Serverless; PUBLISH otherwise, the local Redis 6.2); this
 * broker subscribes the same way and appends each received message to the channel's history with
 * {@code ingest.lua}, which also gives it its offset.
 *
 * <p>Keys, all of one channel in one hash slot ({@code {<channel>}}): {@code rt:h:{c}} the history
 * stream (at most {@code historySize} entries, expiring {@code historyTtl} after the last one),
 * {@code rt:m:{c}} the epoch and newest offset, {@code rt:l:{c}} the live lease that subscribed
 * instances renew every {@code lease/3} (when it lapses the next subscriber starts a new epoch), and
 * {@code rt:s:{c}:<sha1>} the offset a message got, for the other instances ({@code seenTtl}).
 *
 * <p>Two identical messages published on one channel within {@code seenTtl} count as one; every
 * ORE producer puts a timestamp or id in its messages, so only true duplicates collapse.
 */
public final class RedisBroker implements Broker {

    private static final Logger LOG = LoggerFactory.getLogger(RedisBroker.class);

    /**
     * @param historySize publications kept per channel
     * @param historyTtl  how long a channel's history outlives its last publication
     * @param lease       how long a channel counts as listened to after the last renewal
     * @param seenTtl     how long a message's offset is remembered for the other instances
     */
    public record Settings(int historySize, Duration historyTtl, Duration lease, Duration seenTtl) {
        public Settings {
            if (historySize < 1 || historyTtl.isNegative() || historyTtl.isZero() || lease.toMillis() < 300
                    || seenTtl.isNegative() || seenTtl.isZero()) {
                throw new IllegalArgumentException("history size >= 1, positive TTLs and a lease of at least 300 ms");
            }
        }
    }

    private static final LuaScript INGEST = LuaScript.load("ingest.lua");
    private static final LuaScript RECOVER = LuaScript.load("recover.lua");

    private final RedisClusterAsyncCommands<String, String> redis;
    private final StatefulRedisPubSubConnection<String, String> pubsub;
    private final boolean sharded;
    private final Settings settings;
    private final Set<ChannelName> held = ConcurrentHashMap.newKeySet();
    private final Map<ChannelName, CompletableFuture<Void>> ingestTails = new ConcurrentHashMap<>();
    private final ScheduledFuture<?> renewal;
    private volatile Handler handler;

    public RedisBroker(RedisClusterAsyncCommands<String, String> redis, StatefulRedisPubSubConnection<String, String> pubsub,
                       boolean sharded, Settings settings, ScheduledExecutorService scheduler) {
        this.redis = redis;
        this.pubsub = pubsub;
        this.sharded = sharded;
        this.settings = settings;
        long every = Math.max(100, settings.lease().toMillis() / 3);
        this.renewal = scheduler.scheduleWithFixedDelay(this::renewLeases, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void start(Handler handler) {
        this.handler = handler;
        pubsub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                received(channel, message);
            }

            @Override
            public void smessage(String channel, String message) {
                received(channel, message);
            }
        });
    }

    /** Called by the connection watcher when the pub/sub connection came back after a loss. */
    public void reconnected() {
        Handler h = handler;
        if (h != null && !held.isEmpty()) {
            h.onSubscriptionsInterrupted();
        }
    }

    private void received(String redisChannel, String message) {
        if (!redisChannel.startsWith(ChannelName.REDIS_PREFIX)) {
            return;
        }
        var channel = ChannelName.parse(redisChannel.substring(ChannelName.REDIS_PREFIX.length()));
        if (channel.isEmpty() || !held.contains(channel.get())) {
            return;
        }
        ChannelName c = channel.get();
        // One ingest at a time per channel, in arrival order: offsets must follow the publish order,
        // and a script run can overtake the one before it (a node without the script answers
        // NOSCRIPT and the retry with EVAL goes after later messages; seen on a cluster).
        CompletableFuture<Void> tail = ingestTails.compute(c, (k, previous) ->
                (previous == null ? CompletableFuture.<Void>completedFuture(null) : previous)
                        .thenCompose(ignored -> ingest(c, message)));
        tail.whenComplete((v, e) -> ingestTails.remove(c, tail)); // outside compute: may run at once
    }

    /** Records one message in the channel's history and hands it on with its offset; never fails. */
    private CompletableFuture<Void> ingest(ChannelName c, String message) {
        String tag = "{" + c.value() + "}";
        return INGEST.<List<Object>>run(redis, ScriptOutputType.MULTI,
                new String[] {"rt:h:" + tag, "rt:m:" + tag, "rt:l:" + tag, "rt:s:" + tag + ":" + LuaScript.sha1(message)},
                message, newEpoch(), Integer.toString(settings.historySize()), ms(settings.historyTtl()),
                ms(settings.lease()), ms(settings.seenTtl()))
                .handle((r, e) -> {
                    if (e != null) {
                        LOG.warn("Cannot record a message of {} (not delivered): {}", c, e.toString());
                        return null;
                    }
                    handler.onPublication(c, new Publication(((Number) r.get(1)).longValue(), (String) r.get(0), message));
                    return null;
                });
    }

    @Override
    public CompletionStage<StreamPosition> subscribe(ChannelName channel) {
        held.add(channel);
        String name = channel.redisChannel();
        CompletionStage<Void> subscribed = sharded ? pubsub.async().ssubscribe(name) : pubsub.async().subscribe(name);
        return subscribed.thenCompose(v -> history(channel, 0)).thenApply(Recovery::position)
                .whenComplete((p, e) -> {
                    if (e != null) {
                        held.remove(channel);
                    }
                });
    }

    @Override
    public CompletionStage<Void> unsubscribe(ChannelName channel) {
        held.remove(channel);
        String name = channel.redisChannel();
        return sharded ? pubsub.async().sunsubscribe(name) : pubsub.async().unsubscribe(name);
    }

    @Override
    public CompletionStage<Void> publish(ChannelName channel, String data) {
        String name = channel.redisChannel();
        return (sharded ? redis.spublish(name, data) : redis.publish(name, data)).thenApply(n -> null);
    }

    @Override
    public CompletionStage<Recovery> recover(ChannelName channel, long offset, String epoch) {
        return script(channel, "recover", offset, epoch, settings.historySize()).thenApply(r -> {
            var position = new StreamPosition(((Number) r.get(1)).longValue(), (String) r.get(0));
            if (((Number) r.get(2)).longValue() == 0) {
                return new Recovery(false, position, List.of());
            }
            var publications = new ArrayList<Publication>(r.size() - 3);
            for (int i = 3; i < r.size(); i++) {
                publications.add(new Publication(offset + i - 2, position.epoch(), (String) r.get(i)));
            }
            return new Recovery(true, position, publications);
        });
    }

    @Override
    public CompletionStage<Recovery> history(ChannelName channel, int limit) {
        return script(channel, "history", 0, "", Math.max(0, limit)).thenApply(r -> {
            var position = new StreamPosition(((Number) r.get(1)).longValue(), (String) r.get(0));
            var publications = new ArrayList<Publication>((r.size() - 2) / 2);
            for (int i = 2; i + 1 < r.size(); i += 2) {
                publications.add(new Publication(Long.parseLong((String) r.get(i)), position.epoch(), (String) r.get(i + 1)));
            }
            return new Recovery(true, position, publications);
        });
    }

    private CompletableFuture<List<Object>> script(ChannelName channel, String mode, long offset, String epoch, int count) {
        String tag = "{" + channel.value() + "}";
        return RECOVER.run(redis, ScriptOutputType.MULTI, new String[] {"rt:h:" + tag, "rt:m:" + tag, "rt:l:" + tag},
                newEpoch(), ms(settings.historyTtl()), ms(settings.lease()), mode, Long.toString(offset), epoch,
                Integer.toString(count));
    }

    /** Keeps the leases (and the history) of every held channel alive; PEXPIRE never revives a lapsed lease. */
    private void renewLeases() {
        try {
            String lease = ms(settings.lease());
            for (ChannelName channel : held) {
                String tag = "{" + channel.value() + "}";
                redis.pexpire("rt:l:" + tag, settings.lease().toMillis());
                redis.pexpire("rt:m:" + tag, settings.historyTtl().toMillis());
                redis.pexpire("rt:h:" + tag, settings.historyTtl().toMillis());
            }
            LOG.trace("Renewed {} lease(s) of {} ms", held.size(), lease);
        } catch (RuntimeException e) {
            LOG.warn("Lease renewal failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        renewal.cancel(false);
        held.clear();
    }

    private static String newEpoch() {
        return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    }

    private static String ms(Duration d) {
        return Long.toString(d.toMillis());
    }
}
