package ore.auth.domain.siwe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SiweMessageTest {

    static final OffsetDateTime ISSUED = OffsetDateTime.parse("2021-09-30T16:25:24Z");

    static SiweMessage.Builder minimal() {
        return SiweMessage.builder("example.com", SiweMessageParserTest.ADDRESS, "https://example.com/login", 1,
                "32891756", ISSUED);
    }

    @Test
    void builderWithRequiredFieldsFormatsTheMinimalMessage() {
        assertThat(minimal().build().toText()).isEqualTo(SiweMessageParserTest.MINIMAL);
    }

    @Test
    void builderWithAllFieldsFormatsTheFullMessage() {
        SiweMessage message = SiweMessage.builder("example.com:3388", SiweMessageParserTest.ADDRESS,
                        "https://example.com/login", 137, "32891756abcDEF",
                        OffsetDateTime.of(2021, 9, 30, 16, 25, 24, 500_000_000, ZoneOffset.ofHours(2)))
                .scheme("https")
                .statement("I accept the ExampleOrg Terms of Service: https://example.com/tos")
                .expirationTime(OffsetDateTime.parse("2021-10-01T16:25:24Z"))
                .notBefore(OffsetDateTime.parse("2021-09-30T16:20:00Z"))
                .requestId("req-1:a@b%2Fc%20d")
                .resources(List.of("ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/",
                        "https://example.com/my-web2-claim.json"))
                .build();

        assertThat(message.toText()).isEqualTo(SiweMessageParserTest.FULL);
    }

    @Test
    void formatsTimestampsWithSecondsAndWithoutTrailingZeros() {
        SiweMessage message = SiweMessage.builder("example.com", SiweMessageParserTest.ADDRESS,
                "https://example.com", 1, "32891756", OffsetDateTime.parse("2021-09-30T16:25:00.120-05:30")).build();

        assertThat(message.toText()).endsWith("\nIssued At: 2021-09-30T16:25:00.12-05:30");
    }

    @Test
    void resourcesAreCopied() {
        List<String> resources = new ArrayList<>(List.of("https://example.com/a"));
        SiweMessage message = minimal().resources(resources).build();
        resources.add("https://example.com/b");

        assertThat(message.resources()).containsExactly("https://example.com/a");
    }

    @Test
    void refusesInvalidFieldsAtConstruction() {
        assertFailure(() -> minimal().statement("").build(), SiweFailure.MALFORMED_MESSAGE, "statement");
        assertFailure(() -> minimal().statement("two\nlines").build(), SiweFailure.MALFORMED_MESSAGE, "statement");
        assertFailure(() -> minimal().scheme("").build(), SiweFailure.MALFORMED_MESSAGE, "scheme");
        assertFailure(() -> SiweMessage.builder("example.com", SiweMessageParserTest.ADDRESS,
                "https://example.com", -1, "32891756", ISSUED).build(), SiweFailure.MALFORMED_MESSAGE, "Chain ID");
        assertFailure(() -> SiweMessage.builder("example.com", SiweMessageParserTest.ADDRESS,
                        "https://example.com", 1, "32891756", OffsetDateTime.parse("+10000-01-01T00:00:00Z")).build(),
                SiweFailure.MALFORMED_MESSAGE, "Issued At");
        assertFailure(() -> minimal().notBefore(OffsetDateTime.of(2021, 1, 1, 0, 0, 0, 0,
                ZoneOffset.ofHoursMinutesSeconds(1, 0, 30))).build(), SiweFailure.MALFORMED_MESSAGE, "Not Before");
        assertFailure(() -> minimal().resources(java.util.Collections.nCopies(33, "https://example.com")).build(),
                SiweFailure.MALFORMED_MESSAGE, "at most 32");
        assertFailure(() -> new SiweMessage(Optional.empty(), "example.com", SiweMessageParserTest.ADDRESS,
                        Optional.empty(), "https://example.com", "2", 1, "32891756", ISSUED, Optional.empty(),
                        Optional.empty(), Optional.empty(), List.of()),
                SiweFailure.UNSUPPORTED_VERSION, "Version");
    }

    private static void assertFailure(Runnable action, SiweFailure failure, String fragment) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(SiweException.class, e -> {
            assertThat(e.failure()).isEqualTo(failure);
            assertThat(e.getMessage()).contains(fragment);
        });
    }
}
