package ore.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Real infrastructure for tests: PostgreSQL, Redis and Kafka.
 *
 * <p>Each server is looked for once per JVM, in this order: environment variables
 * ({@code ORE_TEST_PG_URL}/{@code ORE_TEST_PG_USER}/{@code ORE_TEST_PG_PASSWORD},
 * {@code ORE_TEST_REDIS_URI}, {@code ORE_TEST_KAFKA_BOOTSTRAP}), then the local servers
 * (PostgreSQL 127.0.0.1:5432 as {@code postgres}, Redis 127.0.0.1:6379; Kafka runs in-process instead),
 * then Testcontainers when a Docker engine is present. The source used is printed once to stderr.
 * When nothing is found the call throws {@link InfrastructureUnavailableException}: tests fail,
 * they never skip, with or without {@code CI=true}.
 *
 * <p>Isolation: every {@link #postgres()} call creates a new database, every {@link #redis()} call
 * hands out a flushed logical database; Kafka is one broker per JVM, so tests use their own topics.
 *
 * <p>Typical use in a Micronaut test:
 * <pre>{@code
 * @MicronautTest
 * class LedgerTest implements TestPropertyProvider {
 *     public Map<String, String> getProperties() {
 *         return OreInfra.micronautProperties(Need.POSTGRES, Need.KAFKA);
 *     }
 * }
 * }</pre>
 */
public final class OreInfra {

    private OreInfra() {
    }

    /** A new empty database; call once per test class. */
    public static PgDatabase postgres() {
        return PostgresProvider.newDatabase();
    }

    /** A flushed Redis logical database (1..15); call once per test class. */
    public static RedisDb redis() {
        return RedisProvider.newDatabase();
    }

    /** Bootstrap servers of the JVM's Kafka broker, started on first call. */
    public static String kafka() {
        return KafkaProvider.bootstrapServers();
    }

    /** Creates a topic with the given partitions on {@link #kafka()}; an existing topic is left as is. */
    public static String createTopic(String name, int partitions) {
        return KafkaProvider.createTopic(name, partitions);
    }

    /**
     * Micronaut properties for what the test needs: {@code datasources.default.*}, {@code redis.uri}
     * and {@code kafka.bootstrap.servers}. Each call provisions new PostgreSQL and Redis databases.
     */
    public static Map<String, String> micronautProperties(Need... needs) {
        Map<String, String> props = new LinkedHashMap<>();
        for (Need need : needs) {
            switch (need) {
                case POSTGRES -> {
                    PgDatabase db = postgres();
                    props.put("datasources.default.url", db.jdbcUrl());
                    props.put("datasources.default.username", db.user());
                    props.put("datasources.default.password", db.password());
                    props.put("datasources.default.driver-class-name", "org.postgresql.Driver");
                }
                case REDIS -> props.put("redis.uri", redis().uri());
                case KAFKA -> props.put("kafka.bootstrap.servers", kafka());
            }
        }
        return props;
    }
}
