package ore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InfrastructureUnavailableExceptionTest {

    @Test
    void messageListsEverySourceTriedAndHowToFixIt() {
        var e = new InfrastructureUnavailableException("PostgreSQL",
                List.of("ORE_TEST_PG_URL: not set", "local server 127.0.0.1:5432 as user postgres: refused"),
                "start PostgreSQL on 127.0.0.1:5432.");

        assertThat(e).isInstanceOf(IllegalStateException.class);
        assertThat(e.getMessage())
                .startsWith("ore-testkit: no PostgreSQL for tests. Tried, in order:")
                .contains("1) ORE_TEST_PG_URL: not set", "2) local server 127.0.0.1:5432 as user postgres: refused")
                .endsWith("To fix: start PostgreSQL on 127.0.0.1:5432.");
    }
}
