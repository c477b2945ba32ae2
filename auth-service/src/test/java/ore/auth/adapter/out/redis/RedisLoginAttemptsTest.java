package ore.auth.adapter.out.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.UUID;
import ore.auth.domain.account.LoginBackoff;
import ore.core.error.DomainException;
import ore.core.error.ErrorCategory;
import ore.testkit.OreInfra;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The login throttle against the real Redis, including what happens when Redis goes away. */
class RedisLoginAttemptsTest {

    private final RedisClient client;
    private final io.lettuce.core.api.StatefulRedisConnection<String, String> connection;
    private final RedisLoginAttempts attempts;

    RedisLoginAttemptsTest() {
        var db = OreInfra.redis();
        RedisURI uri = RedisURI.create(db.uri());
        uri.setDatabase(db.index());
        client = RedisClient.create(uri);
        connection = client.connect();
        attempts = new RedisLoginAttempts(connection.async(), new LoginBackoff(3, Duration.ofSeconds(30),
                Duration.ofMinutes(15), Duration.ofMinutes(15)),
                new RedisLoginAttempts.Ceiling(100, Duration.ofSeconds(10), Duration.ofDays(1)));
    }

    @AfterEach
    void close() {
        connection.close();
        client.shutdown();
    }

    @Test
    void freeAttemptsThenALockThatASuccessElsewhereDoesNotLift() {
        String account = UUID.randomUUID().toString();
        for (int i = 0; i < 3; i++) {
            assertThat(attempts.begin(account, "a")).isEmpty();
        }
        assertThat(attempts.begin(account, "a")).hasValueSatisfying(d -> assertThat(d).isEqualTo(Duration.ofSeconds(30)));
        assertThat(attempts.begin(account, "b")).isEmpty();
        attempts.succeeded(account, "b");
        assertThat(attempts.begin(account, "a")).isPresent();
    }

    @Test
    void aSuccessClearsTheClientsCount() {
        String account = UUID.randomUUID().toString();
        attempts.begin(account, "a");
        attempts.begin(account, "a");
        attempts.succeeded(account, "a");
        for (int i = 0; i < 3; i++) {
            assertThat(attempts.begin(account, "a")).isEmpty();
        }
    }

    @Test
    void failsClosedWhenRedisIsUnreachable() {
        connection.close();
        assertThatThrownBy(() -> attempts.begin(UUID.randomUUID().toString(), "a"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.UNAVAILABLE));
    }
}
