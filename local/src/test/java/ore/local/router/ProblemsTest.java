package ore.local.router;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProblemsTest {

    @Test
    void anUnavailableServiceIsA503WithTheStableType() {
        var problem = Problems.serviceUnavailable("game", "/api/game/mine");
        assertThat(problem.status()).isEqualTo(503);
        assertThat(problem.json())
                .startsWith("{\"type\":\"https://errors.ore.game/server/unavailable\"")
                .contains("\"status\":503", "\"code\":\"server.unavailable\"", "\"instance\":\"/api/game/mine\"",
                        "The game service is not part of the local stack yet");
    }

    @Test
    void stringsAreJsonEscaped() {
        assertThat(Problems.quote("a\"b\\c\n\u0001")).isEqualTo("\"a\\\"b\\\\c\\n\\u0001\"");
    }
}
