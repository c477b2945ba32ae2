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
import java.util.concurrent.TimeUnit;
import ore.realtime.app.port.Broker;
import ore.core.realtime.RealtimeHistory;
import ore.core.redis.LuaScript;
import ore.realtime.domain.ChannelName;
import ore.realtime.domain.Publication;
import ore.realtime.domain.StreamPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Broker} on Redis: producers publish JSON on {@code rt:<channel>} (SPUBLISH when
 * {@code sharded}, Redis 7 / ElastiCache Serverless; PUBLISH otherwise, the local Redis 6.2) after
 * appending it to the channel's history with ore-core's {@link RealtimeHistory}, which gives it its
 * offset; this broker publishes the same way and subscribes the same way. Each received message is
 * appended again, which only finds the offset its producer got (or, from a producer that did not
 * append, gives it one), so every instance delivers it under one offset.
 *
 * <p>Because producers append before they publish, the history is complete whether or not an
 * instance listened at the time: a client recovers what was published while it was away, across
 * engine restarts. The epoch changes only when the history itself is gone (its TTL ran out after the
 * channel's last message, or Redis lost it); instances keep the histories of the channels they hold
 * alive meanwhile.
 *
 * <p>Two identical messages published on one channel within {@code seenTtl} count as one; every
 * ORE producer puts a timestamp or id in its messages, so only true duplicates collapse.
 */
public final class RedisBroker implements Broker {

    private static final Logger LOG = LoggerFactory.getLogger(RedisBroker.class);

    private static final LuaScript RECOVER = LuaScript.load("/redis/recover.lua");
    /** Histories of held channels are kept alive at least this often (and three times per TTL). */
    private static final long MAX_RENEWAL_MILLIS = 60_000;

    private final RedisClusterAsyncCommands<String, String> redis;
    private final StatefulRedisPubSubConnection<String, String> pubsub;
    private final boolean sharded;
    private final RealtimeHistory.Settings settings;
    private final Set<ChannelName> held = ConcurrentHashMap.newKeySet();
    private final Map<ChannelName, CompletableFuture<Void>> ingestTails = new ConcurrentHashMap<>();
    private final ScheduledFuture<?> renewal;
    private volatile Handler handler;

    public RedisBroker(RedisClusterAsyncCommands<String, String> redis, StatefulRedisPubSubConnection<String, String> pubsub,
                       boolean sharded, RealtimeHistory.Settings settings, ScheduledExecutorService scheduler) {
        this.redis = redis;
        this.pubsub = pubsub;
        this.sharded = sharded;
        this.settings = settings;
        long every = Math.max(100, Math.min(MAX_RENEWAL_MILLIS, settings.ttl().toMillis() / 3));
        this.renewal = scheduler.scheduleWithFixedDelay(this::renewHistories, every, every, TimeUnit.MILLISECONDS);
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

    /** Finds (or gives) the message its offset in the channel's history and hands it on; never fails. */
    private CompletableFuture<Void> ingest(ChannelName c, String message) {
        return RealtimeHistory.append(redis, c.value(), message, settings)
                .handle((appended, e) -> {
                    if (e != null) {
                        LOG.warn("Cannot record a message of {} (not delivered): {}", c, e.toString());
                        return null;
                    }
                    handler.onPublication(c, new Publication(appended.offset(), appended.epoch(), message));
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
        return RealtimeHistory.append(redis, channel.value(), data, settings)
                .thenCompose(appended -> sharded ? redis.spublish(name, data) : redis.publish(name, data))
                .thenApply(n -> null);
    }

    @Override
    public CompletionStage<Recovery> recover(ChannelName channel, long offset, String epoch) {
        return script(channel, "recover", offset, epoch, settings.size()).thenApply(r -> {
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
        String tag = RealtimeHistory.tag(channel.value());
        return RECOVER.run(redis, ScriptOutputType.MULTI, new String[] {"rt:h:" + tag, "rt:m:" + tag},
                RealtimeHistory.newEpoch(), ms(settings.ttl()), mode, Long.toString(offset), epoch,
                Integer.toString(count));
    }

    /**
     * Keeps the histories of held channels alive while clients watch them, so a quiet channel does not
     * change its epoch under a subscribed client. PEXPIRE never revives a history that is gone.
     */
    private void renewHistories() {
        try {
            for (ChannelName channel : held) {
                String tag = RealtimeHistory.tag(channel.value());
                redis.pexpire("rt:m:" + tag, settings.ttl().toMillis());
                redis.pexpire("rt:h:" + tag, settings.ttl().toMillis());
            }
            LOG.trace("Renewed the histories of {} channel(s)", held.size());
        } catch (RuntimeException e) {
            LOG.warn("History renewal failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        renewal.cancel(false);
        held.clear();
    }

    private static String ms(Duration d) {
        return Long.toString(d.toMillis());
    }
}
