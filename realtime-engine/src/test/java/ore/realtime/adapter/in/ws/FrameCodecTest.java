package ore.realtime.adapter.in.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ore.realtime.app.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameCodecTest {

    @Test
    void readsEveryField() throws Exception {
        Request r = FrameCodec.parse("{\"id\":7,\"type\":\"subscribe\",\"channel\":\"global\",\"offset\":12,\"epoch\":\"e1\","
                + "\"future\":{\"x\":[1,2]},\"limit\":5,\"token\":\"t\",\"data\":{\"a\":[1,{\"b\":\"c\"}]}}");
        assertThat(r).isEqualTo(new Request(7, "subscribe", "global", 12L, "e1", "t", "{\"a\":[1,{\"b\":\"c\"}]}", 5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "[]", "\"x\"", "{", "{\"type\":\"ping\"}", "{\"id\":0,\"type\":\"ping\"}",
            "{\"id\":-1,\"type\":\"ping\"}", "{\"id\":1.5,\"type\":\"ping\"}", "{\"id\":\"1\",\"type\":\"ping\"}",
            "{\"id\":99999999999999999999,\"type\":\"ping\"}", "{\"id\":9007199254740993,\"type\":\"ping\"}",
            "{\"id\":1}", "{\"id\":1,\"type\":\"\"}", "{\"id\":1,\"type\":2}", "{\"id\":1,\"id\":2,\"type\":\"ping\"}",
            "{\"id\":1,\"type\":\"ping\"} {}", "{\"id\":1,\"type\":\"subscribe\",\"offset\":-3}"})
    void rejectsWhatIsNotARequest(String text) {
        assertThatThrownBy(() -> FrameCodec.parse(text)).isInstanceOf(FrameCodec.Malformed.class);
    }

    @Test
    void keepsTheIdOfARequestWithABadField() {
        assertThatThrownBy(() -> FrameCodec.parse("{\"id\":4,\"type\":\"subscribe\",\"channel\":42}"))
                .isInstanceOfSatisfying(FrameCodec.Malformed.class, e -> assertThat(e.id()).isEqualTo(4));
    }
}
