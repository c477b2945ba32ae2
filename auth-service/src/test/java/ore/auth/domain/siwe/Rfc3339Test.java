package ore.auth.domain.siwe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class Rfc3339Test {

    @TestFactory
    Stream<DynamicTest> parsesAndWritesCanonically() {
        Map<String, String> canonicalByText = Map.of(
                "2021-09-30T16:25:24Z", "2021-09-30T16:25:24Z",
                "2021-09-30t16:25:24z", "2021-09-30T16:25:24Z",
                "2021-09-30T16:25:24.5Z", "2021-09-30T16:25:24.5Z",
                "2021-09-30T16:25:24.000Z", "2021-09-30T16:25:24Z",
                "2021-09-30T16:25:24.123456789+05:30", "2021-09-30T16:25:24.123456789+05:30",
                "2021-09-30T16:25:24-00:00", "2021-09-30T16:25:24Z",
                "2021-09-30T00:00:00-08:00", "2021-09-30T00:00:00-08:00");
        return Cases.each(List.copyOf(canonicalByText.keySet()), text ->
                assertThat(Rfc3339.format(Rfc3339.parse(text, "Issued At"))).isEqualTo(canonicalByText.get(text)));
    }

    @Test
    void keepsTheOffset() {
        assertThat(Rfc3339.parse("2021-09-30T16:25:24+02:00", "Issued At"))
                .isEqualTo(OffsetDateTime.of(2021, 9, 30, 16, 25, 24, 0, ZoneOffset.ofHours(2)));
    }

    @TestFactory
    Stream<DynamicTest> refusesOtherShapes() {
        List<String> texts = List.of("", "2021-09-30", "2021-09-30T16:25Z", "2021-09-30T16:25:24", "2021-09-30 16:25:24Z",
                "2021-9-30T16:25:24Z", "2021-02-30T16:25:24Z", "2021-09-30T24:00:00Z", "2016-12-31T23:59:60Z",
                "2021-09-30T16:25:24.Z", "2021-09-30T16:25:24.1234567891Z", "2021-09-30T16:25:24+0200",
                "2021-09-30T16:25:24+02", "2021-09-30T16:25:24+24:00", "2021-09-30T16:25:24+19:00",
                "2021-09-30T16:25:24UTC", "2021-09-30T16:25:24Z ", " 2021-09-30T16:25:24Z", "+2021-09-30T16:25:24Z",
                "2021-09-30T16:25:24[Europe/Berlin]", "２０21-09-30T16:25:24Z");
        return Cases.each(texts, text -> {
            assertThatThrownBy(() -> Rfc3339.parse(text, "Issued At"))
                    .isInstanceOfSatisfying(SiweException.class, e -> {
                        assertThat(e.failure()).isEqualTo(SiweFailure.MALFORMED_MESSAGE);
                        assertThat(e.getMessage()).contains("Issued At");
                    });
        });
    }
}
