package ore.location.adapter.out.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import ore.location.app.port.Presence;
import ore.location.config.LocationSettings;
import ore.testkit.OreInfra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The {@link Presence} contract on the real Redis: listing, radius, expiry by time, the member cap. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisPresenceTest {

    static final long CELL = 0x8730e1d8cffffffL;
    static final double LAT = 37.5665;
    static final double LON = 126.978;

    RedisClient client;
    StatefulRedisConnection<String, String> connection;
    RedisPresence presence;

    @BeforeAll
    void connect() {
        client = RedisClient.create(OreInfra.redis().uri());
        connection = client.connect();
        presence = new RedisPresence(connection.async(),
                new LocationSettings.Nearby(1000, 3, 7, 50, Duration.ofMinutes(5), 1000, 10));
    }

    @AfterAll
    void close() {
        connection.close();
        client.shutdown();
    }

    private List<UUID> around(long cell, Instant now) {
        return presence.search(List.of(cell), LAT, LON, 500, 50, now).stream().map(Presence.Entry::playerId).toList();
    }

    @Test
    void listedPlayersWithinTheRadiusAreFoundNearestFirstWithTheirPosition() {
        long cell = CELL + 1;
        UUID near = UUID.randomUUID();
        UUID nearer = UUID.randomUUID();
        UUID far = UUID.randomUUID();
        Instant now = Instant.now();
        presence.list(near, cell, LAT + 0.002, LON, now);
        presence.list(nearer, cell, LAT + 0.001, LON, now);
        presence.list(far, cell, LAT + 0.02, LON, now);
        var found = presence.search(List.of(cell), LAT, LON, 500, 50, now);
        assertThat(found).extracting(Presence.Entry::playerId).containsExactly(nearer, near);
        assertThat(found.getFirst().lat()).isCloseTo(LAT + 0.001, org.assertj.core.data.Offset.offset(1e-5));
        presence.unlist(nearer, cell);
        assertThat(around(cell, now)).containsExactly(near);
    }

    @Test
    void playersNotSeenWithinTheTtlAreNotFoundAndAreTrimmedByLaterWrites() {
        long cell = CELL + 2;
        UUID old = UUID.randomUUID();
        UUID fresh = UUID.randomUUID();
        Instant now = Instant.now();
        presence.list(old, cell, LAT, LON, now.minus(Duration.ofMinutes(6)));
        presence.list(fresh, cell, LAT, LON + 0.001, now);
        assertThat(around(cell, now)).containsExactly(fresh);
        assertThat(connection.sync().zscore("loc:seen:{c:" + Long.toHexString(cell) + "}", old.toString()))
                .as("removed by the write that followed").isNull();
    }

    @Test
    void aCellNeverHoldsMoreThanItsCapAndKeysExpire() {
        long cell = CELL + 3;
        Instant now = Instant.now();
        for (int i = 0; i < 25; i++) {
            presence.list(UUID.randomUUID(), cell, LAT, LON + i * 1e-5, now.plusMillis(i));
        }
        String seen = "loc:seen:{c:" + Long.toHexString(cell) + "}";
        assertThat(connection.sync().zcard(seen)).isLessThanOrEqualTo(10);
        assertThat(connection.sync().zcard("loc:geo:{c:" + Long.toHexString(cell) + "}")).isLessThanOrEqualTo(10);
        assertThat(connection.sync().pttl(seen)).isBetween(1L, Duration.ofMinutes(10).toMillis());
    }

    @Test
    void manyStaleMembersAreStillFilteredOneByOne() {
        long cell = CELL + 4;
        var settings = new LocationSettings.Nearby(1000, 3, 7, 50, Duration.ofMinutes(5), 1000, 5000);
        var roomy = new RedisPresence(connection.async(), settings);
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(30));
        // Written "long ago" one after the other: each write trims only what was stale at its own time.
        for (int i = 0; i < 250; i++) {
            roomy.list(UUID.randomUUID(), cell, LAT, LON + i * 1e-6, longAgo.plusMillis(i));
        }
        UUID fresh = UUID.randomUUID();
        connection.sync().geoadd("loc:geo:{c:" + Long.toHexString(cell) + "}", LON, LAT, fresh.toString());
        connection.sync().zadd("loc:seen:{c:" + Long.toHexString(cell) + "}", Instant.now().toEpochMilli(), fresh.toString());
        assertThat(roomy.search(List.of(cell), LAT, LON, 500, 50, Instant.now()))
                .extracting(Presence.Entry::playerId).containsExactly(fresh);
    }
}
