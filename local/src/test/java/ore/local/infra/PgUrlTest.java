package ore.local.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PgUrlTest {

    @Test
    void parsesHostPortDatabaseAndParameters() {
        var url = PgUrl.parse("jdbc:postgresql://db.local:6543/ore_dev?sslmode=require");
        assertThat(url).isEqualTo(new PgUrl("db.local", 6543, "ore_dev", "sslmode=require"));
        assertThat(url.withDatabase("postgres").jdbc()).isEqualTo("jdbc:postgresql://db.local:6543/postgres?sslmode=require");
    }

    @Test
    void thePortDefaultsTo5432() {
        assertThat(PgUrl.parse("jdbc:postgresql://127.0.0.1/ore_local").jdbc())
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/ore_local");
    }

    @Test
    void rejectsWhatIsNotAPostgresUrl() {
        assertThatThrownBy(() -> PgUrl.parse("jdbc:mysql://x/y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PgUrl.parse("jdbc:postgresql://x:5432/")).isInstanceOf(IllegalArgumentException.class);
    }
}
