package ore.realtime.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChannelNameTest {

    @Test
    void parsesTheThreeNamespaces() {
        UUID id = UUID.randomUUID();
        assertThat(ChannelName.parse("player:" + id)).contains(new ChannelName(ChannelName.Kind.PLAYER, id.toString()));
        assertThat(ChannelName.parse("cell:8928308280fffff")).contains(new ChannelName(ChannelName.Kind.CELL, "8928308280fffff"));
        assertThat(ChannelName.parse("global")).contains(new ChannelName(ChannelName.Kind.GLOBAL, ""));
        assertThat(ChannelName.parse("cell:8928308280fffff").orElseThrow().redisChannel()).isEqualTo("rt:cell:8928308280fffff");
        assertThat(ChannelName.player(id).value()).isEqualTo("player:" + id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Global", "lobby:1", "player:", "player:not-a-uuid", "player:8F5C1D3E-0000-4000-8000-000000000000",
            "cell:", "cell:8928308280FFFFF", "cell:8928308280fffff0", "cell:892830828", "global:x", "rt:cell:8928308280fffff"})
    void rejectsAnythingElse(String text) {
        assertThat(ChannelName.parse(text)).isEmpty();
    }

    @Test
    void rejectsOverlongNames() {
        assertThat(ChannelName.parse("cell:" + "f".repeat(100))).isEmpty();
        assertThat(ChannelName.parse(null)).isEmpty();
    }
}
