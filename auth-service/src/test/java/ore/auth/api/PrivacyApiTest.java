package ore.auth.api;

import static ore.auth.api.ApiTestSupport.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import ore.auth.app.PrivacyService;
import ore.auth.app.port.Mailer;
import ore.testkit.OreInfra;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** GDPR export and deletion, including the UserDeleted event on the real Kafka broker. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrivacyApiTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Inject
    PrivacyService privacy;

    @Override
    public Map<String, String> getProperties() {
        OreInfra.createTopic(PrivacyService.TOPIC, 3);
        return ApiTestSupport.properties(Map.of("ore.auth.deletion.grace", "0s"));
    }

    @Inject
    Mailer mailer;

    /** A new e-mail account, signed in by its confirmation (one session). */
    private ApiTestSupport.Response register(String email) {
        return ApiTestSupport.registerConfirmed(http, json, mailer, email, "correct horse");
    }

    @Inject
    org.jooq.DSLContext db;

    @Test
    void concurrentDeletionRequestsAnnounceTheDeletionOnce() throws Exception {
        var tokens = register("twice-" + UUID.randomUUID() + "@example.com");
        String access = tokens.str("accessToken");
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(6)) {
            var calls = new ArrayList<java.util.concurrent.Callable<Integer>>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> call(http, json, HttpRequest.DELETE("/api/auth/me").bearerAuth(access)).status());
            }
            for (var f : pool.invokeAll(calls)) {
                assertThat(f.get()).isIn(202, 401);
            }
        }
        int events = db.fetchCount(org.jooq.impl.DSL.table(org.jooq.impl.DSL.name("auth", "outbox")),
                org.jooq.impl.DSL.field("event_type", String.class).eq(PrivacyService.USER_DELETED)
                        .and(org.jooq.impl.DSL.field("event_key", String.class).eq(tokens.str("playerId"))));
        assertThat(events).isEqualTo(1);
    }

    @Test
    void exportContainsTheAccountAndItsSessions() {
        String email = "export-" + UUID.randomUUID() + "@example.com";
        var tokens = register(email);
        var r = call(http, json, HttpRequest.GET("/api/auth/me/export").bearerAuth(tokens.str("accessToken")));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().get("Content-Disposition")).contains("attachment");
        assertThat(r.str("format")).isEqualTo("ore.auth.export.v1");
        @SuppressWarnings("unchecked")
        var account = (Map<String, Object>) r.json().get("account");
        assertThat(account.get("email")).isEqualTo(email);
        assertThat((List<?>) r.json().get("sessions")).hasSize(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void deletionLocksOutAtOnceEmitsUserDeletedAndIsPurged() {
        String email = "delete-" + UUID.randomUUID() + "@example.com";
        var tokens = register(email);
        String playerId = tokens.str("playerId");
        String access = tokens.str("accessToken");

        var deleted = call(http, json, HttpRequest.DELETE("/api/auth/me").bearerAuth(access));
        assertThat(deleted.status()).isEqualTo(202);
        assertThat(deleted.str("status")).isEqualTo("deletion_scheduled");

        assertThat(call(http, json, HttpRequest.GET("/api/auth/me").bearerAuth(access)).status()).isEqualTo(401);
        assertThat(call(http, json, HttpRequest.POST("/api/auth/refresh",
                Map.of("refreshToken", tokens.str("refreshToken")))).status()).isEqualTo(401);
        assertThat(call(http, json, HttpRequest.POST("/api/auth/login",
                Map.of("email", email, "password", "correct horse"))).status()).isEqualTo(401);

        ConsumerRecord<String, String> event = awaitEvent(playerId);
        Map<String, Object> envelope = parse(event.value());
        assertThat(envelope).containsEntry("type", "UserDeleted").containsEntry("key", playerId)
                .containsKeys("id", "occurredAt", "traceparent");
        assertThat((Map<String, Object>) envelope.get("payload")).containsEntry("userId", playerId);
        assertThat(event.headers().lastHeader("traceparent")).isNotNull();

        assertThat(privacy.purgeDue(10)).isGreaterThanOrEqualTo(1);
        assertThat(call(http, json, HttpRequest.GET("/api/auth/me/export").bearerAuth(access)).status()).isEqualTo(401);
        // The e-mail is free again.
        assertThat(register(email).str("playerId")).isNotEqualTo(playerId);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> parse(String value) {
        try {
            return json.readValue(value, Map.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private ConsumerRecord<String, String> awaitEvent(String key) {
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, OreInfra.kafka());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "privacy-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(PrivacyService.TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            var seen = new ArrayList<String>();
            while (System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(record.key());
                    if (key.equals(record.key())) {
                        return record;
                    }
                }
            }
            throw new AssertionError("no UserDeleted event for " + key + " within 30 s; saw keys " + seen);
        }
    }
}
