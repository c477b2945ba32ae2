package ore.auth.adapter.out.redis;

import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import ore.auth.app.port.NonceStore;

/** SIWE nonces as {@code auth:siwe:<nonce>} → player id, expiring by TTL, consumed with GETDEL. */
@Singleton
public class RedisNonceStore implements NonceStore {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RedisClusterAsyncCommands<String, String> redis;

    public RedisNonceStore(RedisClusterAsyncCommands<String, String> redis) {
        this.redis = redis;
    }

    @Override
    public String issue(UUID playerId, Duration ttl) {
        var sb = new StringBuilder(24);
        for (int i = 0; i < 24; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        String nonce = sb.toString();
        RedisCalls.await(redis.set(key(nonce), playerId.toString(), SetArgs.Builder.nx().px(ttl.toMillis())));
        return nonce;
    }

    @Override
    public Optional<UUID> consume(String nonce) {
        if (nonce == null || !nonce.matches("[A-Za-z0-9]{8,64}")) {
            return Optional.empty();
        }
        return Optional.ofNullable(RedisCalls.await(redis.getdel(key(nonce)))).map(UUID::fromString);
    }

    private static String key(String nonce) {
        return "auth:siwe:" + nonce;
    }
}
