package ore.realtime.adapter.out.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.json.JsonMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import ore.core.realtime.RealtimeChannels;
import ore.core.realtime.RealtimePublisher;
import ore.core.realtime.RealtimeSettings;
import ore.realtime.app.port.Broker;
import ore.realtime.domain.ChannelName;
import ore.realtime.domain.Publication;
import ore.testkit.OreInfra;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A producer in another service (ore-core's {@link RealtimePublisher}, as game-service and
 * location-service use it) and the engine's broker on one real Redis: what the producer publishes
 * while no engine instance holds the channel (an engine restart, a client between two instances) is
 * still in the history, and a client recovers it with its last offset and epoch.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProducerHistoryTest {

    private final RealtimeSettings settings = new RealtimeSettings(true, 100, Duration.ofMinutes(1), Duration.ofMinutes(1));
    private RedisClient client;
    private StatefulRedisConnection<String, String> commands;
    private ScheduledExecutorService scheduler;
    private RealtimePublisher producer;

    @BeforeAll
    void connect() {
        client = RedisClient.create(OreInfra.redis().uri());
        commands = client.connect();
        scheduler = Executors.newSingleThreadScheduledExecutor();
        producer = new RealtimePublisher(commands.async(), JsonMapper.createDefault(), settings, new SimpleMeterRegistry());
    }

    @AfterAll
    void disconnect() {
        scheduler.shutdownNow();
        commands.close();
        client.shutdown();
    }

    @Test
    void whatAProducerPublishedWhileNoEngineListenedIsRecovered() {
        UUID player = UUID.randomUUID();
        ChannelName channel = ChannelName.player(player);
        List<Publication> received = new CopyOnWriteArrayList<>();
        Broker engine = new RedisBroker(commands.async(), client.connectPubSub(), true, settings.history(), scheduler);
        engine.start((c, p) -> received.add(p));
        try {
            join(engine.subscribe(channel));
            producer.publish(RealtimeChannels.player(player), "inventory.changed", Instant.parse("2026-12-01T10:00:00Z"),
                    Map.of("balance", 1));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
            Publication last = received.get(0);
            assertThat(last.offset()).isEqualTo(1);
            join(engine.unsubscribe(channel));

            // No instance holds the channel now; the producer goes on.
            producer.publish(RealtimeChannels.player(player), "reward.status", Instant.parse("2026-12-01T10:00:01Z"),
                    Map.of("status", "requested"));
            producer.publish(RealtimeChannels.player(player), "reward.status", Instant.parse("2026-12-01T10:00:02Z"),
                    Map.of("status", "paid"));
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> join(engine.history(channel, 0)).position().offset() == 3);

            join(engine.subscribe(channel));
            var recovery = join(engine.recover(channel, last.offset(), last.epoch()));
            assertThat(recovery.recovered()).isTrue();
            assertThat(recovery.publications()).extracting(Publication::offset).containsExactly(2L, 3L);
            assertThat(recovery.publications().get(0).data()).contains("\"type\":\"reward.status\"", "\"requested\"");
            assertThat(recovery.publications().get(1).data()).contains("\"paid\"");

            // Live again: the next message arrives once, under the offset its producer gave it.
            producer.publish(RealtimeChannels.player(player), "inventory.changed", Instant.parse("2026-12-01T10:00:03Z"),
                    Map.of("balance", 2));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
            assertThat(received.get(1).offset()).isEqualTo(4);
            assertThat(received.get(1).epoch()).isEqualTo(last.epoch());
        } finally {
            engine.close();
        }
    }

    private static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
        return stage.toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }
}
