package ore.game.domain.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ore.core.error.DomainException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NodeIdTest {

    @Test
    void roundTrips() {
        NodeId id = NodeId.parse("8928308280fffff:493127");
        assertThat(id.cell()).isEqualTo(0x8928308280fffffL);
        assertThat(id.hour()).isEqualTo(493127);
        assertThat(id.toString()).isEqualTo("8928308280fffff:493127");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":", "8928308280fffff", "8928308280fffff:", ":493127", "8928308280FFFFF:493127",
            "8928308280fffff:0", "8928308280fffff:-1", "8928308280fffff:+1", "8928308280fffff:0493127",
            "8928308280fffff:12345678901", "08928308280fffff:1", "928308280fffff:1", "8928308280fffff :1",
            "8928308280fffff:1 ", "8928308280gffff:1", "8928308280fffff:1:2", "8928308280fffff:１"})
    void rejectsAnythingButTheCanonicalForm(String text) {
        assertThatThrownBy(() -> NodeId.parse(text)).isInstanceOf(DomainException.class)
                .hasFieldOrPropertyWithValue("code", "game.invalid_node_id");
    }

    @Test
    void rejectsNullAndHugeInput() {
        assertThatThrownBy(() -> NodeId.parse(null)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> NodeId.parse("8".repeat(10_000))).isInstanceOf(DomainException.class);
    }
}
