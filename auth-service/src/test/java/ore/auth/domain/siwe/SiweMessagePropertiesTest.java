package ore.auth.domain.siwe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class SiweMessagePropertiesTest {

    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String UNRESERVED = ALNUM + "-._~";
    private static final String PCHAR = UNRESERVED + "!$&'()*+,;=:@";
    private static final String STATEMENT = UNRESERVED + ":/?#[]@!$&'()*+,;= ";

    @Property
    void formattedMessagesParseBackToTheSameRecord(@ForAll("messages") SiweMessage message) {
        String text = message.toText();

        assertThat(text.length()).isLessThanOrEqualTo(SiweMessageParser.MAX_MESSAGE_CHARS);
        assertThat(SiweMessageParser.parse(text)).isEqualTo(message);
    }

    @Property
    void formattingIsCanonical(@ForAll("messages") SiweMessage message) {
        String text = message.toText();

        assertThat(SiweMessageParser.parse(text).toText()).isEqualTo(text);
    }

    /** Hostile input must end in a SiweException, never in another exception or a stack overflow. */
    @Property
    void parsingArbitraryTextFailsOnlyWithSiweException(@ForAll("mangledMessages") String text) {
        Throwable thrown = catchThrowable(() -> SiweMessageParser.parse(text));

        assertThat(thrown).satisfiesAnyOf(
                t -> assertThat(t).isNull(),
                t -> assertThat(t).isInstanceOf(SiweException.class));
    }

    @Provide
    Arbitrary<SiweMessage> messages() {
        Arbitrary<SiweMessage.Builder> required = Combinators.combine(
                domains(), addresses(), uris(), Arbitraries.longs().between(0, Long.MAX_VALUE),
                Arbitraries.strings().withChars(ALNUM).ofMinLength(8).ofMaxLength(32), timestamps()
        ).as(SiweMessage::builder);
        return Combinators.combine(
                required,
                Arbitraries.of("https", "http", "wss", "app+ore.v2").optional(),
                Arbitraries.strings().withChars(STATEMENT).ofMinLength(1).ofMaxLength(120).optional(),
                timestamps().optional(),
                timestamps().optional(),
                pchars(0, 24).optional(),
                uris().list().ofMaxSize(6)
        ).as((builder, scheme, statement, expiration, notBefore, requestId, resources) -> builder
                .scheme(scheme.orElse(null))
                .statement(statement.orElse(null))
                .expirationTime(expiration.orElse(null))
                .notBefore(notBefore.orElse(null))
                .requestId(requestId.orElse(null))
                .resources(resources)
                .build());
    }

    @Provide
    Arbitrary<String> mangledMessages() {
        Arbitrary<String> fromMessages = messages().map(SiweMessage::toText);
        Arbitrary<String> oneCharChanged = Combinators.combine(fromMessages, Arbitraries.integers().between(0, 4000),
                        Arbitraries.chars().ascii())
                .as((text, at, c) -> {
                    int i = at % text.length();
                    return text.substring(0, i) + c + text.substring(i + 1);
                });
        Arbitrary<String> longPercentRuns = Arbitraries.integers().between(1, 1300)
                .map(n -> SiweMessageParserTest.MINIMAL.replace("/login", "/" + "%41".repeat(n)));
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(300), oneCharChanged, longPercentRuns);
    }

    private static Arbitrary<String> domains() {
        Arbitrary<String> label = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-")
                .ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> names = label.list().ofMinSize(1).ofMaxSize(4).map(labels -> String.join(".", labels));
        Arbitrary<String> hosts = Arbitraries.oneOf(names,
                Arbitraries.of("localhost", "127.0.0.1", "[::1]", "[2001:db8::1]"));
        Arbitrary<Optional<Integer>> ports = Arbitraries.integers().between(1, 65535).optional();
        return Combinators.combine(hosts, ports).as((host, port) -> host + port.map(p -> ":" + p).orElse(""));
    }

    private static Arbitrary<String> addresses() {
        return Arbitraries.bytes().array(byte[].class).ofSize(20)
                .map(bytes -> Eip55.toChecksum("0x" + HexFormat.of().formatHex(bytes)));
    }

    private static Arbitrary<String> uris() {
        Arbitrary<String> path = pchars(0, 16).list().ofMaxSize(4).map(segments -> "/" + String.join("/", segments));
        Arbitrary<String> web = Combinators.combine(Arbitraries.of("https", "http", "ipfs"), domains(), path,
                        pchars(0, 12).optional())
                .as((scheme, host, p, query) -> scheme + "://" + host + p + query.map(q -> "?" + q).orElse(""));
        Arbitrary<String> urn = pchars(1, 30).map(s -> "urn:ore:" + s);
        return Arbitraries.oneOf(web, urn);
    }

    private static Arbitrary<String> pchars(int min, int max) {
        return Arbitraries.strings().withChars(PCHAR).ofMinLength(min).ofMaxLength(max);
    }

    private static Arbitrary<OffsetDateTime> timestamps() {
        Arbitrary<Long> seconds = Arbitraries.longs().between(946_684_800L, 4_102_444_800L);
        Arbitrary<Integer> nanos = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(0)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 999).map(ms -> ms * 1_000_000)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 999_999_999)));
        Arbitrary<ZoneOffset> offsets = Arbitraries.integers().between(-18 * 60, 18 * 60)
                .map(minutes -> ZoneOffset.ofTotalSeconds(minutes * 60));
        return Combinators.combine(seconds, nanos, offsets)
                .as((s, n, offset) -> OffsetDateTime.ofInstant(Instant.ofEpochSecond(s, n), offset));
    }
}
