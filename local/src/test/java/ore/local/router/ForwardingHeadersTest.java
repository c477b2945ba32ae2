package ore.local.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForwardingHeadersTest {

    @Test
    void theClientAddressIsTheOnlyForwardedForWhenTheClientSentNone() {
        var out = ForwardingHeaders.upstreamRequest(Map.of("Accept", List.of("*/*")), "10.0.0.7");
        assertThat(out.get("X-Forwarded-For")).containsExactly("10.0.0.7");
        assertThat(out.get("X-Forwarded-Proto")).containsExactly("http");
    }

    @Test
    void theClientAddressIsAppendedAfterWhatTheClientSent() {
        // The client's claims stay on the left, where a service trusting one proxy ignores them.
        Map<String, List<String>> in = new LinkedHashMap<>();
        in.put("X-forwarded-for", List.of("1.1.1.1, 2.2.2.2", "3.3.3.3"));
        var out = ForwardingHeaders.upstreamRequest(in, "127.0.0.1");
        assertThat(out.get("X-Forwarded-For")).containsExactly("1.1.1.1, 2.2.2.2, 3.3.3.3, 127.0.0.1");
    }

    @Test
    void emptyForwardedForEntriesAreDropped() {
        assertThat(ForwardingHeaders.appendForwardedFor(List.of(" , ,"), "::1")).isEqualTo("::1");
    }

    @Test
    void hopByHopHeadersAndHostDoNotCrossButTheOriginalHostIsKept() {
        Map<String, List<String>> in = new LinkedHashMap<>();
        in.put("Host", List.of("localhost:8080"));
        in.put("Connection", List.of("keep-alive"));
        in.put("Keep-Alive", List.of("timeout=5"));
        in.put("Transfer-Encoding", List.of("chunked"));
        in.put("Content-Length", List.of("12"));
        in.put("Upgrade", List.of("websocket"));
        in.put("Content-Type", List.of("application/json"));
        in.put("Authorization", List.of("Bearer abc"));
        var out = ForwardingHeaders.upstreamRequest(in, "127.0.0.1");
        assertThat(out).containsOnlyKeys("Content-Type", "Authorization",
                "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host");
        assertThat(out.get("X-Forwarded-Host")).containsExactly("localhost:8080");
        assertThat(out.get("Authorization")).containsExactly("Bearer abc");
    }

    @Test
    void clientClaimsAboutTheEdgeAreReplaced() {
        Map<String, List<String>> in = new LinkedHashMap<>();
        in.put("X-Forwarded-Proto", List.of("https"));
        in.put("X-Forwarded-Host", List.of("evil.example"));
        var out = ForwardingHeaders.upstreamRequest(in, "127.0.0.1");
        assertThat(out.get("X-Forwarded-Proto")).containsExactly("http");
        assertThat(out).doesNotContainKey("X-Forwarded-Host");
    }

    @Test
    void responseHeadersLoseOnlyHopByHopOnes() {
        Map<String, List<String>> upstream = new LinkedHashMap<>();
        upstream.put("content-type", List.of("application/json"));
        upstream.put("content-length", List.of("2"));
        upstream.put("connection", List.of("close"));
        upstream.put("set-cookie", List.of("a=1", "b=2"));
        upstream.put(":status", List.of("200"));
        assertThat(ForwardingHeaders.downstreamResponse(upstream))
                .containsOnlyKeys("content-type", "set-cookie")
                .containsEntry("set-cookie", List.of("a=1", "b=2"));
    }
}
