package ore.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import ore.local.OtlpReceiver.ReceivedSpan;

/**
 * What LauncherIT's journey must leave in the collector when every service exports its spans
 * (ORE_LOCAL_OTEL_ENDPOINT): one trace per request, across the services it involved.
 *
 * <ul>
 *   <li>The mine request: game-service's server span, its call to location-service and
 *       location-service's server span for it, one trace id. auth-service takes no part in a mine
 *       request: game verifies the player's token with auth's keys it holds (JWKS cache) and its own
 *       service token for location is cached from its first call.</li>
 *   <li>That first call: the game request that first needed location fetched game's service token
 *       from auth inside its trace, so auth-service's token endpoint shares a trace with a game
 *       request.</li>
 *   <li>The claim: game-service's server span and the publish span the outbox relay sent the
 *       claim's event in, and chain-gateway's span consuming it from Kafka, one trace id; the
 *       consumer's parent is the publish span.</li>
 * </ul>
 */
final class JourneyTraces {

    /** The services export every second; a minute is for a machine busy with other builds. */
    private static final Duration DELIVERY = Duration.ofSeconds(60);

    private JourneyTraces() {
    }

    static void assertThem(OtlpReceiver receiver) throws InterruptedException {
        assertThat(receiver.rejected()).as("requests the receiver could not decode").isEmpty();

        // Mine: game → location.
        ReceivedSpan mine = await(receiver, "game-service's span of POST /api/game/mine",
                spans -> server(spans, "game-service", "/api/game/mine"));
        ReceivedSpan proximity = await(receiver, "location-service's span of the mine request's proximity check",
                spans -> spans.stream().filter(s -> s.service().equals("location-service")
                        && s.kind().equals("SPAN_KIND_SERVER") && s.traceId().equals(mine.traceId())).findFirst());
        assertThat(proximity.attribute("http.route")).startsWith("/internal/location/");
        ReceivedSpan call = receiver.spans().stream().filter(s -> s.spanId().equals(proximity.parentSpanId()))
                .findFirst().orElseThrow(() -> new AssertionError("the call that caused " + proximity));
        assertThat(call.service()).isEqualTo("game-service");
        assertThat(call.kind()).isEqualTo("SPAN_KIND_CLIENT");
        assertThat(call.traceId()).isEqualTo(mine.traceId());

        // auth: the service token game fetched while serving a player's request.
        ReceivedSpan token = await(receiver, "auth-service's span of POST /internal/auth/token",
                spans -> server(spans, "auth-service", "/internal/auth/token"));
        assertThat(receiver.spans()).as("a game request's trace includes auth's token endpoint: %s", token)
                .anySatisfy(s -> {
                    assertThat(s.service()).isEqualTo("game-service");
                    assertThat(s.kind()).isEqualTo("SPAN_KIND_SERVER");
                    assertThat(s.traceId()).isEqualTo(token.traceId());
                });

        // Claim: game → outbox → Kafka → chain-gateway.
        ReceivedSpan claim = await(receiver, "game-service's span of POST /api/game/rewards/claim",
                spans -> server(spans, "game-service", "/api/game/rewards/claim"));
        ReceivedSpan consumed = await(receiver, "chain-gateway's span consuming the claim's event",
                spans -> spans.stream().filter(s -> s.service().equals("chain-gateway")
                        && s.kind().equals("SPAN_KIND_CONSUMER") && s.traceId().equals(claim.traceId())).findFirst());
        assertThat(consumed.name()).isEqualTo("ore.rewards.requested process");
        ReceivedSpan publish = receiver.spans().stream().filter(s -> s.spanId().equals(consumed.parentSpanId()))
                .findFirst().orElseThrow(() -> new AssertionError("the publish span of " + consumed));
        assertThat(publish.service()).isEqualTo("game-service");
        assertThat(publish.kind()).isEqualTo("SPAN_KIND_PRODUCER");
        assertThat(publish.traceId()).isEqualTo(claim.traceId());
        System.out.println("LauncherIT traces: mine " + mine.traceId() + " (game, location); token " + token.traceId()
                + " (game, auth); claim " + claim.traceId() + " (game, Kafka, chain-gateway); "
                + receiver.spans().size() + " spans received");
    }

    private static Optional<ReceivedSpan> server(List<ReceivedSpan> spans, String service, String route) {
        return spans.stream().filter(s -> s.service().equals(service) && s.kind().equals("SPAN_KIND_SERVER")
                && s.attribute("http.route").equals(route)).findFirst();
    }

    private static ReceivedSpan await(OtlpReceiver receiver, String what,
                                      java.util.function.Function<List<ReceivedSpan>, Optional<ReceivedSpan>> find)
            throws InterruptedException {
        boolean found = receiver.await(spans -> find.apply(spans).isPresent(), DELIVERY);
        assertThat(found).as("%s within %s; received:%n%s", what, DELIVERY, summary(receiver.spans())).isTrue();
        return find.apply(receiver.spans()).orElseThrow();
    }

    private static String summary(List<ReceivedSpan> spans) {
        // SQL and Redis spans left out: they are many and say nothing about which services took part.
        var lines = spans.stream().filter(s -> s.attribute("db.system").isEmpty() && s.attribute("db.system.name").isEmpty())
                .map(s -> "  " + s + " " + s.attribute("http.route")).toList();
        return String.join("\n", lines.size() > 80 ? lines.subList(lines.size() - 80, lines.size()) : lines);
    }
}
