package ore.game.adapter.out.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import ore.core.error.DomainException;
import ore.core.error.ErrorCategory;
import ore.game.domain.mining.Proximity;
import ore.game.domain.node.GeoPoint;
import ore.game.support.PeerStub;
import ore.game.support.PeerStub.Answer;
import ore.security.ServiceClientSettings;
import ore.security.ServiceTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The location-service adapter against a real HTTP server speaking the proximity contract (and
 * auth's token endpoint): answers, the service token, and failing closed when location-service is
 * down, slow or erroring, with the circuit breaker opening.
 */
class LocationHttpProximityTest {

    static final GeoPoint NODE = new GeoPoint(37.5665, 126.9780);

    PeerStub peers;
    HttpClient http;
    HttpClient tokenHttp;

    @BeforeEach
    void start() {
        peers = new PeerStub();
    }

    @AfterEach
    void stop() {
        peers.close();
        if (http != null) {
            http.close();
        }
        if (tokenHttp != null) {
            tokenHttp.close();
        }
    }

    private LocationHttpProximity adapter(String locationUrl, CircuitBreakerConfig breakerConfig) {
        var config = new DefaultHttpClientConfiguration();
        config.setReadTimeout(Duration.ofSeconds(2));
        config.setConnectTimeout(Duration.ofMillis(500));
        http = HttpClient.create(toUrl(locationUrl), config);
        tokenHttp = HttpClient.create(null);
        var tokens = new ServiceTokens(tokenHttp, new ServiceClientSettings(peers.baseUrl() + "/internal/auth/token",
                PeerStub.CLIENT_ID, PeerStub.CLIENT_SECRET, Duration.ofSeconds(2), Duration.ofSeconds(60)),
                Clock.systemUTC());
        return new LocationHttpProximity(http, tokens, Duration.ofMillis(500), CircuitBreaker.of("location", breakerConfig),
                Duration.ofSeconds(30));
    }

    private static java.net.URL toUrl(String url) {
        try {
            return URI.create(url).toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private LocationHttpProximity adapter() {
        return adapter(peers.baseUrl(), CircuitBreakerConfig.custom().slidingWindowSize(4).minimumNumberOfCalls(4)
                .failureRateThreshold(50).waitDurationInOpenState(Duration.ofSeconds(30)).build());
    }

    @Test
    void answersWithTheTrustedPositionAndSendsTheQuery() {
        UUID player = UUID.randomUUID();
        var seen = new java.util.concurrent.atomic.AtomicReference<PeerStub.Query>();
        peers.answer(player, q -> {
            seen.set(q);
            return Answer.near(q.playerId(), 12.3, 1_234, false);
        });
        Proximity p = adapter().check(player, NODE, 40);
        assertThat(p).isEqualTo(new Proximity(true, 12.3, true, 1_234, false));
        assertThat(seen.get()).isEqualTo(new PeerStub.Query(player, NODE.lat(), NODE.lon(), 40));
        assertThat(peers.rejectedTokens.get()).isZero();
    }

    @Test
    void unknownPlayersAreUnknown() {
        UUID player = UUID.randomUUID();
        peers.answer(player, q -> Answer.unknown(q.playerId()));
        assertThat(adapter().check(player, NODE, 40).known()).isFalse();
    }

    @Test
    void theServiceTokenIsFetchedOnceAndReused() {
        var adapter = adapter();
        for (int i = 0; i < 5; i++) {
            adapter.check(UUID.randomUUID(), NODE, 40);
        }
        assertThat(peers.tokenCalls.get()).isEqualTo(1);
        assertThat(peers.proximityCalls.get()).isEqualTo(5);
        assertThat(peers.rejectedTokens.get()).isZero();
    }

    @Test
    void aRejectedTokenFailsClosed() {
        var adapter = adapter();
        peers.answerEveryone(q -> new Answer(401, "{\"code\":\"auth.unauthenticated\"}", 0));
        assertUnavailable(() -> adapter.check(UUID.randomUUID(), NODE, 40));
    }

    @Test
    void aConnectionRefusedFailsClosedFast() {
        var adapter = adapter("http://127.0.0.1:" + unusedPort(), CircuitBreakerConfig.ofDefaults());
        long start = System.nanoTime();
        assertUnavailable(() -> adapter.check(UUID.randomUUID(), NODE, 40));
        // Not a speed test: only a hang (a retry loop, no deadline) would take this long.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void aSlowAnswerTimesOutAfterTheDeadline() {
        var adapter = adapter();
        adapter.check(UUID.randomUUID(), NODE, 40); // token fetched, connection warm
        // The answer would come after 10 s; the 500 ms deadline must end the wait long before. The lower
        // bound shows the deadline was waited for (a machine can be slow, never early); the upper one
        // only that the slow answer was not.
        peers.answerEveryone(q -> Answer.near(q.playerId(), 1, 1, false).delayed(10_000));
        long start = System.nanoTime();
        assertUnavailable(() -> adapter.check(UUID.randomUUID(), NODE, 40));
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isGreaterThanOrEqualTo(Duration.ofMillis(450)).isLessThan(Duration.ofMillis(9_500));
    }

    @Test
    void serverErrorsOpenTheBreakerAndThenItAnswersWithoutCalling() {
        var adapter = adapter();
        peers.answerEveryone(q -> Answer.status(503));
        for (int i = 0; i < 4; i++) {
            assertUnavailable(() -> adapter.check(UUID.randomUUID(), NODE, 40));
        }
        assertThat(adapter.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);
        int calls = peers.proximityCalls.get();
        var e = assertUnavailable(() -> adapter.check(UUID.randomUUID(), NODE, 40));
        assertThat(peers.proximityCalls.get()).as("answered without calling while open").isEqualTo(calls);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
    }

    @Test
    void answersOutsideTheContractFailClosed() {
        UUID player = UUID.randomUUID();
        var adapter = adapter();
        peers.answer(player, q -> new Answer(200, "{\"playerId\":\"" + q.playerId() + "\",\"known\":true}", 0));
        assertUnavailable(() -> adapter.check(player, NODE, 40));
        peers.answer(player, q -> new Answer(200, "{\"playerId\":\"" + UUID.randomUUID() + "\",\"known\":false}", 0));
        assertUnavailable(() -> adapter.check(player, NODE, 40));
        peers.answer(player, q -> new Answer(200, "<html>oops</html>", 0));
        assertUnavailable(() -> adapter.check(player, NODE, 40));
    }

    private static DomainException assertUnavailable(Runnable call) {
        var thrown = org.assertj.core.api.Assertions.catchThrowableOfType(DomainException.class, call::run);
        assertThat(thrown).as("expected game.location_unavailable").isNotNull();
        assertThat(thrown.category()).isEqualTo(ErrorCategory.UNAVAILABLE);
        assertThat(thrown.code()).isEqualTo("game.location_unavailable");
        assertThat(thrown.retryAfter()).isPresent();
        return thrown;
    }

    private static int unusedPort() {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
