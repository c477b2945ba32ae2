package ore.realtime.adapter.out.redis;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.net.SocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the broker when a pub/sub connection came back after losing its link: subscriptions made on
 * it may have missed messages meanwhile (Lettuce resubscribes, but what was published in between is
 * gone), so the engine asks clients to reconnect and recover from history.
 *
 * <p>Works for a single node and for a cluster alike: it tracks each pub/sub connection that
 * disconnected (on a cluster, the per-node connections sharded subscriptions live on), and reports
 * when that same connection connects again. First connections — a cluster opening a node connection
 * for its first subscription there — are not reconnections.
 */
public final class PubSubReconnectWatch implements RedisConnectionStateListener {

    private static final Logger LOG = LoggerFactory.getLogger(PubSubReconnectWatch.class);
    private final Set<RedisChannelHandler<?, ?>> lost = ConcurrentHashMap.newKeySet();
    private final Runnable onReconnected;

    public PubSubReconnectWatch(Runnable onReconnected) {
        this.onReconnected = onReconnected;
    }

    @Override
    public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
        if (connection instanceof StatefulRedisPubSubConnection<?, ?> && lost.add(connection)) {
            LOG.warn("Redis pub/sub connection lost");
        }
    }

    @Override
    public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
        if (lost.remove(connection)) {
            LOG.warn("Redis pub/sub connection restored; clients will resubscribe");
            onReconnected.run();
        }
    }

    @Override
    public void onRedisExceptionCaught(RedisChannelHandler<?, ?> connection, Throwable cause) {
        // Lettuce logs and reconnects by itself; the disconnect/connect pair is what matters here.
    }
}
