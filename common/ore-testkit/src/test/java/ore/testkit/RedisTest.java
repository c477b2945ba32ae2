package ore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisTest {

    @Test
    void everyCallGivesAnotherEmptyDatabaseIndex() {
        RedisDb a = OreInfra.redis();
        RedisDb b = OreInfra.redis();

        assertThat(a.index()).isBetween(1, 15).isNotEqualTo(b.index());
        assertThat(b.index()).isBetween(1, 15);
        assertThat(a.uri()).endsWith("/" + a.index());

        RedisClient client = RedisClient.create();
        try (var ca = client.connect(RedisURI.create(a.uri()));
             var cb = client.connect(RedisURI.create(b.uri()))) {
            assertThat(ca.sync().dbsize()).isZero();
            assertThat(cb.sync().dbsize()).isZero();
            ca.sync().set("k", "in-a");
            assertThat(cb.sync().get("k")).isNull();
            assertThat(ca.sync().get("k")).isEqualTo("in-a");
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Test
    void aDatabaseIsLeasedUntilItsClassEndsThenFlushedWhenHandedOutAgain() {
        ClassScope.open();
        RedisDb first = OreInfra.redis();
        RedisClient client = RedisClient.create();
        try (var c = client.connect(RedisURI.create(first.uri()));
             var admin = client.connect(RedisURI.create(RedisProvider.withDatabase(first.uri(), 0)))) {
            c.sync().set("left-over", "x");
            assertThat(admin.sync().get("ore-testkit:lease:" + first.index())).as("lease held").isNotNull();
            ClassScope.close();
            assertThat(admin.sync().get("ore-testkit:lease:" + first.index())).as("lease returned").isNull();
            // Another JVM may take the index meanwhile; whoever gets it gets it flushed.
            for (int i = 0; i < 200; i++) {
                ClassScope.open();
                try {
                    if (OreInfra.redis().index() == first.index()) {
                        assertThat(c.sync().exists("left-over")).isZero();
                        return;
                    }
                } finally {
                    ClassScope.close();
                }
            }
            throw new AssertionError("database " + first.index() + " was never handed out again");
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Test
    void uriKeepsCredentialsAndSchemeWhenTheIndexIsSet() {
        assertThat(RedisProvider.withDatabase("rediss://:secret@cache.local:6380/0?timeout=5s", 7))
                .isEqualTo("rediss://:secret@cache.local:6380/7?timeout=5s");
        assertThat(RedisProvider.withDatabase("redis://127.0.0.1", 3)).isEqualTo("redis://127.0.0.1:6379/3");
    }
}
