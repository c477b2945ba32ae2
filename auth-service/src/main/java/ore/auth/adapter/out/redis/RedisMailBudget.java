package ore.auth.adapter.out.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import ore.auth.app.port.MailBudget;
import ore.auth.domain.account.Email;
import ore.core.crypto.Sha256;

/**
 * {@link MailBudget} in Redis: one counter per address, {@code auth:mail:<sha256 of the address>},
 * incremented and given its expiry in one script, so concurrent requests on any instance cannot send
 * more than {@code perWindow} mails in a window (a fixed window: it starts with the first mail). Any
 * Redis failure propagates as UNAVAILABLE.
 */
public class RedisMailBudget implements MailBudget {

    private static final String SCRIPT = """
            local n = redis.call('INCR', KEYS[1])
            if redis.call('PTTL', KEYS[1]) < 0 then
              redis.call('PEXPIRE', KEYS[1], ARGV[1])
            end
            return n
            """;

    private final RedisClusterAsyncCommands<String, String> redis;
    private final int perWindow;
    private final Duration window;

    public RedisMailBudget(RedisClusterAsyncCommands<String, String> redis, int perWindow, Duration window) {
        if (perWindow < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the mail budget needs at least one mail per a positive window");
        }
        this.redis = redis;
        this.perWindow = perWindow;
        this.window = window;
    }

    @Override
    public boolean tryTake(Email to) {
        String key = "auth:mail:" + Sha256.hex("mail:" + to.value()).substring(0, 32);
        Long sent = RedisCalls.await(redis.<Long>eval(SCRIPT, ScriptOutputType.INTEGER, new String[] {key},
                Long.toString(window.toMillis())));
        if (sent == null) {
            throw RedisCalls.unavailable();
        }
        return sent <= perWindow;
    }
}
