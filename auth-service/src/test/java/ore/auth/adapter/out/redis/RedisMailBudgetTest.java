package ore.auth.adapter.out.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import ore.auth.domain.account.Email;
import ore.core.error.DomainException;
import ore.core.error.ErrorCategory;
import ore.testkit.OreInfra;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The per-address mail budget against the real Redis. */
class RedisMailBudgetTest {

    private final RedisClient client;
    private final io.lettuce.core.api.StatefulRedisConnection<String, String> connection;

    RedisMailBudgetTest() {
        var db = OreInfra.redis();
        RedisURI uri = RedisURI.create(db.uri());
        uri.setDatabase(db.index());
        client = RedisClient.create(uri);
        connection = client.connect();
    }

    @AfterEach
    void close() {
        connection.close();
        client.shutdown();
    }

    private static Email newEmail() {
        return Email.parse("m-" + UUID.randomUUID() + "@example.com");
    }

    @Test
    void aParallelBurstGetsExactlyTheBudgetAndTheKeyHoldsNoAddress() throws Exception {
        var budget = new RedisMailBudget(connection.async(), 3, Duration.ofHours(1));
        Email email = newEmail();
        int granted = 0;
        try (var pool = Executors.newFixedThreadPool(8)) {
            var calls = new ArrayList<Callable<Boolean>>();
            for (int i = 0; i < 20; i++) {
                calls.add(() -> budget.tryTake(email));
            }
            for (Future<Boolean> f : pool.invokeAll(calls)) {
                granted += f.get() ? 1 : 0;
            }
        }
        assertThat(granted).isEqualTo(3);
        assertThat(budget.tryTake(newEmail())).as("another address has its own budget").isTrue();
        var keys = connection.sync().keys("auth:mail:*");
        assertThat(keys).hasSize(2).allSatisfy(k -> assertThat(k).doesNotContain("@").doesNotContain("example"));
        long ttl = connection.sync().pttl(keys.getFirst());
        assertThat(ttl).isBetween(1L, Duration.ofHours(1).toMillis());
    }

    @Test
    void theBudgetComesBackWhenTheWindowEnds() {
        var budget = new RedisMailBudget(connection.async(), 1, Duration.ofHours(1));
        Email email = newEmail();
        assertThat(budget.tryTake(email)).isTrue();
        assertThat(budget.tryTake(email)).isFalse();
        // The window is Redis' expiry of the counter: ending it is what the hour passing does.
        connection.sync().keys("auth:mail:*").forEach(k -> connection.sync().pexpire(k, 1));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> connection.sync().keys("auth:mail:*").isEmpty());
        assertThat(budget.tryTake(email)).isTrue();
    }

    @Test
    void failsClosedWhenRedisIsUnreachable() {
        var budget = new RedisMailBudget(connection.async(), 3, Duration.ofHours(1));
        connection.close();
        assertThatThrownBy(() -> budget.tryTake(newEmail()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.UNAVAILABLE));
    }
}
