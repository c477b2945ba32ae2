package ore.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpStatus;
import org.junit.jupiter.api.Test;

class ProblemErrorResponseProcessorTest {

    @Test
    void dropsMethodAndParameterFromValidationPaths() {
        assertThat(ProblemErrorResponseProcessor.fieldOf("register.request.email")).isEqualTo("email");
        assertThat(ProblemErrorResponseProcessor.fieldOf("update.body.fixes[3].lat")).isEqualTo("fixes[3].lat");
        assertThat(ProblemErrorResponseProcessor.fieldOf("deviceId")).isEqualTo("deviceId");
    }

    @Test
    void everyStatusHasAStableCode() {
        assertThat(ProblemErrorResponseProcessor.codeOf(HttpStatus.BAD_REQUEST)).isEqualTo("request.invalid");
        assertThat(ProblemErrorResponseProcessor.codeOf(HttpStatus.INTERNAL_SERVER_ERROR))
                .isEqualTo("server.internal_error");
        assertThat(ProblemErrorResponseProcessor.codeOf(HttpStatus.BAD_GATEWAY)).isEqualTo("server.internal_error");
    }

    @Test
    void typeUriFollowsTheCode() {
        assertThat(Problem.typeFor("auth.invalid_credentials"))
                .isEqualTo("https://errors.ore.game/auth/invalid_credentials");
    }
}
