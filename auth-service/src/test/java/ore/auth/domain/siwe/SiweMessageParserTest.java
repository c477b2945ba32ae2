package ore.auth.domain.siwe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class SiweMessageParserTest {

    static final String ADDRESS = "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2";

    /** Required fields only: note the two blank lines where the statement would be. */
    static final String MINIMAL = """
            example.com wants you to sign in with your Ethereum account:
            0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2


            URI: https://example.com/login
            Version: 1
            Chain ID: 1
            Nonce: 32891756
            Issued At: 2021-09-30T16:25:24Z""";

    static final String FULL = """
            https://example.com:3388 wants you to sign in with your Ethereum account:
            0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2

            I accept the ExampleOrg Terms of Service: https://example.com/tos

            URI: https://example.com/login
            Version: 1
            Chain ID: 137
            Nonce: 32891756abcDEF
            Issued At: 2021-09-30T16:25:24.5+02:00
            Expiration Time: 2021-10-01T16:25:24Z
            Not Before: 2021-09-30T16:20:00Z
            Request ID: req-1:a@b%2Fc%20d
            Resources:
            - ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/
            - https://example.com/my-web2-claim.json""";

    @Test
    void parsesMinimalMessage() {
        SiweMessage message = SiweMessageParser.parse(MINIMAL);

        assertThat(message).isEqualTo(new SiweMessage(Optional.empty(), "example.com", ADDRESS, Optional.empty(),
                "https://example.com/login", "1", 1, "32891756",
                OffsetDateTime.of(2021, 9, 30, 16, 25, 24, 0, ZoneOffset.UTC),
                Optional.empty(), Optional.empty(), Optional.empty(), List.of()));
        assertThat(message.toText()).isEqualTo(MINIMAL);
    }

    @Test
    void parsesFullMessageWithSchemeAndPort() {
        SiweMessage message = SiweMessageParser.parse(FULL);

        assertThat(message.scheme()).contains("https");
        assertThat(message.domain()).isEqualTo("example.com:3388");
        assertThat(message.address()).isEqualTo(ADDRESS);
        assertThat(message.statement()).contains("I accept the ExampleOrg Terms of Service: https://example.com/tos");
        assertThat(message.uri()).isEqualTo("https://example.com/login");
        assertThat(message.version()).isEqualTo("1");
        assertThat(message.chainId()).isEqualTo(137);
        assertThat(message.nonce()).isEqualTo("32891756abcDEF");
        assertThat(message.issuedAt())
                .isEqualTo(OffsetDateTime.of(2021, 9, 30, 16, 25, 24, 500_000_000, ZoneOffset.ofHours(2)));
        assertThat(message.expirationTime()).contains(OffsetDateTime.parse("2021-10-01T16:25:24Z"));
        assertThat(message.notBefore()).contains(OffsetDateTime.parse("2021-09-30T16:20:00Z"));
        assertThat(message.requestId()).contains("req-1:a@b%2Fc%20d");
        assertThat(message.resources()).containsExactly(
                "ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/",
                "https://example.com/my-web2-claim.json");
        assertThat(message.toText()).isEqualTo(FULL);
    }

    @Test
    void parsesTheEipExampleWithStatementAndResources() {
        String text = """
                example.com wants you to sign in with your Ethereum account:
                0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2

                I accept the ExampleOrg Terms of Service: https://example.com/tos

                URI: https://example.com/login
                Version: 1
                Chain ID: 1
                Nonce: 32891756
                Issued At: 2021-09-30T16:25:24Z
                Resources:
                - ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/
                - https://example.com/my-web2-claim.json""";

        assertThat(SiweMessageParser.parse(text).toText()).isEqualTo(text);
    }

    @Test
    void acceptsSingleOptionalFieldsAndEmptyOnes() {
        String withNotBeforeOnly = MINIMAL + "\nNot Before: 2021-09-30T16:25:24Z";
        String withEmptyRequestId = MINIMAL + "\nRequest ID: ";
        String withEmptyResources = MINIMAL + "\nResources:";

        assertThat(SiweMessageParser.parse(withNotBeforeOnly).notBefore()).isPresent();
        assertThat(SiweMessageParser.parse(withEmptyRequestId).requestId()).contains("");
        assertThat(SiweMessageParser.parse(withEmptyResources).resources()).isEmpty();
    }

    @Test
    void acceptsIpv6DomainAndLocalhostWithHttpScheme() {
        assertThat(SiweMessageParser.parse(MINIMAL.replace("example.com wants", "[::1]:8080 wants")).domain())
                .isEqualTo("[::1]:8080");
        assertThat(SiweMessageParser.parse(MINIMAL.replace("example.com wants", "http://localhost:5173 wants")))
                .satisfies(m -> {
                    assertThat(m.scheme()).contains("http");
                    assertThat(m.domain()).isEqualTo("localhost:5173");
                });
    }

    @Test
    void acceptsChecksummedAddressWithoutLetters() {
        String digitsOnly = "0x1234567890123456789012345678901234567890";
        assertThat(SiweMessageParser.parse(MINIMAL.replace(ADDRESS, digitsOnly)).address()).isEqualTo(digitsOnly);
    }

    @TestFactory
    Stream<DynamicTest> refusesMalformedMessages() {
        return Stream.of(
                bad("empty", "", SiweFailure.MALFORMED_MESSAGE, "empty"),
                bad("CRLF line breaks", MINIMAL.replace("\n", "\r\n"), SiweFailure.MALFORMED_MESSAGE, "CRLF"),
                bad("lone CR", MINIMAL.replace("Version: 1", "Version: 1\r"), SiweFailure.MALFORMED_MESSAGE, "CR"),
                bad("trailing LF", MINIMAL + "\n", SiweFailure.MALFORMED_MESSAGE, "line break"),
                bad("trailing text", MINIMAL + "\nHello", SiweFailure.MALFORMED_MESSAGE, "line 10"),
                bad("text after issued-at on the same line", MINIMAL + " extra", SiweFailure.MALFORMED_MESSAGE,
                        "Issued At"),
                bad("wrong header wording", MINIMAL.replace("wants you to", "want you to"),
                        SiweFailure.MALFORMED_MESSAGE, "line 1"),
                bad("header is case-sensitive", MINIMAL.replace("Ethereum account", "ethereum account"),
                        SiweFailure.MALFORMED_MESSAGE, "line 1"),
                bad("missing domain", MINIMAL.replace("example.com wants", " wants"),
                        SiweFailure.MALFORMED_MESSAGE, "domain"),
                bad("userinfo in domain", MINIMAL.replace("example.com wants", "example.com@evil.example wants"),
                        SiweFailure.MALFORMED_MESSAGE, "domain"),
                bad("path in domain", MINIMAL.replace("example.com wants", "example.com/login wants"),
                        SiweFailure.MALFORMED_MESSAGE, "domain"),
                bad("port out of range", MINIMAL.replace("example.com wants", "example.com:70000 wants"),
                        SiweFailure.MALFORMED_MESSAGE, "domain"),
                bad("invalid scheme", MINIMAL.replace("example.com wants", "1https://example.com wants"),
                        SiweFailure.MALFORMED_MESSAGE, "scheme"),
                bad("missing address line", MINIMAL.replace(ADDRESS + "\n", ""), SiweFailure.INVALID_ADDRESS,
                        "address"),
                bad("bad address checksum", MINIMAL.replace(ADDRESS, "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756CC2"),
                        SiweFailure.INVALID_ADDRESS, "EIP-55"),
                bad("lower-case address", MINIMAL.replace(ADDRESS, ADDRESS.toLowerCase()),
                        SiweFailure.INVALID_ADDRESS, "EIP-55"),
                bad("upper-case 0X prefix", MINIMAL.replace(ADDRESS, "0X" + ADDRESS.substring(2)),
                        SiweFailure.INVALID_ADDRESS, "0x"),
                bad("short address", MINIMAL.replace(ADDRESS, ADDRESS.substring(0, 41)),
                        SiweFailure.INVALID_ADDRESS, "40 hex"),
                bad("only one blank line without statement", MINIMAL.replace("\n\n\nURI", "\n\nURI"),
                        SiweFailure.MALFORMED_MESSAGE, "two blank lines"),
                bad("no blank line after address", MINIMAL.replace(ADDRESS + "\n\n\n", ADDRESS + "\n"),
                        SiweFailure.MALFORMED_MESSAGE, "line 3"),
                bad("empty statement line", MINIMAL.replace("\n\n\nURI", "\n\n\n\nURI"),
                        SiweFailure.MALFORMED_MESSAGE, "empty statement"),
                bad("statement without following blank line", FULL.replace("tos\n\nURI", "tos\nURI"),
                        SiweFailure.MALFORMED_MESSAGE, "blank line must follow the statement"),
                bad("two-line statement", FULL.replace("Terms of Service:", "Terms\nof Service:"),
                        SiweFailure.MALFORMED_MESSAGE, "blank line"),
                bad("non-ASCII statement", FULL.replace("ExampleOrg", "ÉxampleOrg"),
                        SiweFailure.MALFORMED_MESSAGE, "statement"),
                bad("percent in statement", FULL.replace("ExampleOrg", "100% ExampleOrg"),
                        SiweFailure.MALFORMED_MESSAGE, "statement"),
                bad("missing URI line", MINIMAL.replace("URI: https://example.com/login\n", ""),
                        SiweFailure.MALFORMED_MESSAGE, "line 5: expected 'URI:'"),
                bad("relative URI", MINIMAL.replace("URI: https://example.com/login", "URI: /login"),
                        SiweFailure.MALFORMED_MESSAGE, "URI"),
                bad("tag is case-sensitive", MINIMAL.replace("URI: ", "uri: "),
                        SiweFailure.MALFORMED_MESSAGE, "expected 'URI:'"),
                bad("wrong order of required fields", MINIMAL.replace("Version: 1\nChain ID: 1", "Chain ID: 1\nVersion: 1"),
                        SiweFailure.MALFORMED_MESSAGE, "expected 'Version:'"),
                bad("version 2", MINIMAL.replace("Version: 1", "Version: 2"), SiweFailure.UNSUPPORTED_VERSION,
                        "Version"),
                bad("version 1.0", MINIMAL.replace("Version: 1", "Version: 1.0"), SiweFailure.UNSUPPORTED_VERSION,
                        "Version"),
                bad("chain id not numeric", MINIMAL.replace("Chain ID: 1", "Chain ID: one"),
                        SiweFailure.MALFORMED_MESSAGE, "Chain ID"),
                bad("chain id hex", MINIMAL.replace("Chain ID: 1", "Chain ID: 0x89"),
                        SiweFailure.MALFORMED_MESSAGE, "Chain ID"),
                bad("chain id negative", MINIMAL.replace("Chain ID: 1", "Chain ID: -1"),
                        SiweFailure.MALFORMED_MESSAGE, "Chain ID"),
                bad("chain id empty", MINIMAL.replace("Chain ID: 1", "Chain ID: "),
                        SiweFailure.MALFORMED_MESSAGE, "Chain ID"),
                bad("chain id overflow", MINIMAL.replace("Chain ID: 1", "Chain ID: 99999999999999999999"),
                        SiweFailure.MALFORMED_MESSAGE, "Chain ID"),
                bad("short nonce", MINIMAL.replace("Nonce: 32891756", "Nonce: 3289175"),
                        SiweFailure.MALFORMED_MESSAGE, "Nonce"),
                bad("nonce with punctuation", MINIMAL.replace("Nonce: 32891756", "Nonce: 32891756-x"),
                        SiweFailure.MALFORMED_MESSAGE, "Nonce"),
                bad("bad date", MINIMAL.replace("2021-09-30T16:25:24Z", "2021-09-31T16:25:24Z"),
                        SiweFailure.MALFORMED_MESSAGE, "Issued At"),
                bad("date without zone", MINIMAL.replace("2021-09-30T16:25:24Z", "2021-09-30T16:25:24"),
                        SiweFailure.MALFORMED_MESSAGE, "Issued At"),
                bad("missing issued-at", MINIMAL.replace("\nIssued At: 2021-09-30T16:25:24Z", ""),
                        SiweFailure.MALFORMED_MESSAGE, "'Issued At:' line is missing"),
                bad("bad expiration time", MINIMAL + "\nExpiration Time: tomorrow",
                        SiweFailure.MALFORMED_MESSAGE, "Expiration Time"),
                bad("optional fields out of order",
                        MINIMAL + "\nNot Before: 2021-09-30T16:25:24Z\nExpiration Time: 2021-10-01T16:25:24Z",
                        SiweFailure.MALFORMED_MESSAGE, "'Expiration Time:' is out of order"),
                bad("repeated field", MINIMAL + "\nRequest ID: a\nRequest ID: b",
                        SiweFailure.MALFORMED_MESSAGE, "'Request ID:' is out of order or repeated"),
                bad("bad request id", MINIMAL + "\nRequest ID: a b", SiweFailure.MALFORMED_MESSAGE, "Request ID"),
                bad("resource not a URI", MINIMAL + "\nResources:\n- not a uri",
                        SiweFailure.MALFORMED_MESSAGE, "Resources item 1"),
                bad("resource without dash", MINIMAL + "\nResources:\nhttps://example.com/a",
                        SiweFailure.MALFORMED_MESSAGE, "line 11"),
                bad("too many resources", MINIMAL + "\nResources:" + "\n- https://example.com/r".repeat(33),
                        SiweFailure.MALFORMED_MESSAGE, "at most 32"),
                bad("too long", MINIMAL + "\nRequest ID: " + "a".repeat(SiweMessageParser.MAX_MESSAGE_CHARS),
                        SiweFailure.MALFORMED_MESSAGE, "longer than 4096"));
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> SiweMessageParser.parse(null))
                .isInstanceOfSatisfying(SiweException.class,
                        e -> assertThat(e.failure()).isEqualTo(SiweFailure.MALFORMED_MESSAGE));
    }

    private static DynamicTest bad(String name, String text, SiweFailure failure, String messageFragment) {
        return DynamicTest.dynamicTest(name, () -> assertThatThrownBy(() -> SiweMessageParser.parse(text))
                .isInstanceOfSatisfying(SiweException.class, e -> {
                    assertThat(e.failure()).isEqualTo(failure);
                    assertThat(e.getMessage()).contains(messageFragment);
                }));
    }
}
