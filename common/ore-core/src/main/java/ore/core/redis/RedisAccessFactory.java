package ore.core.redis;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * Exposes Redis as Lettuce's {@link RedisClusterAsyncCommands}, the interface shared by a single
 * node ({@code redis.uri}, local runs) and a cluster ({@code redis.uris}, ElastiCache Serverless in
 * cluster mode). Code written against it works on both, as long as multi-key commands and scripts
 * keep their keys in one hash slot (a shared {@code {hash-tag}}).
 */
@Factory
public class RedisAccessFactory {

    @Singleton
    @Requires(beans = StatefulRedisConnection.class)
    @Requires(missingBeans = StatefulRedisClusterConnection.class)
    RedisClusterAsyncCommands<String, String> standalone(StatefulRedisConnection<String, String> connection) {
        return connection.async();
    }

    @Singleton
    @Requires(beans = StatefulRedisClusterConnection.class)
    RedisClusterAsyncCommands<String, String> cluster(StatefulRedisClusterConnection<String, String> connection) {
        return connection.async();
    }
}
