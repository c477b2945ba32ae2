package ore.auth.domain.siwe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import ore.testkit.PropertyChecks;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Round trip, canonical form and robustness of the SIWE (EIP-4361) format, over generated messages.
 *
 * <p>Every generator is built from QuickTheories' DSL (no randomness outside {@link Gen}), so a
 * failure shrinks to a small message. The seed is printed on stderr; rerun a failure with
 * {@code -Dore.pbt.seed=<seed>}.
 */
class SiweMessagePropertiesTest {

    /** Examples per property: as many tries as these properties ran before they moved to QuickTheories. */
    private static final int EXAMPLES = 1000;
    /** Empty optionals in percent, as before the move to QuickTheories (whose {@code toOptionals} draws 0..100, so ~4.95 %). */
    private static final int EMPTY_PERCENT = 5;

    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String UNRESERVED = ALNUM + "-._~";
    private static final String PCHAR = UNRESERVED + "!$&'()*+,;=:@";
    private static final String STATEMENT = UNRESERVED + ":/?#[]@!$&'()*+,;= ";

    @Test
    void formattedMessagesParseBackToTheSameRecord() {
        qt("formattedMessagesParseBackToTheSameRecord").forAll(messages()).checkAssert(message -> {
            String text = message.toText();

            assertThat(text.length()).isLessThanOrEqualTo(SiweMessageParser.MAX_MESSAGE_CHARS);
            assertThat(SiweMessageParser.parse(text)).isEqualTo(message);
        });
    }

    @Test
    void formattingIsCanonical() {
        qt("formattingIsCanonical").forAll(messages()).checkAssert(message -> {
            String text = message.toText();

            assertThat(SiweMessageParser.parse(text).toText()).isEqualTo(text);
        });
    }

    /** Hostile input must end in a SiweException, never in another exception or a stack overflow. */
    @Test
    void parsingArbitraryTextFailsOnlyWithSiweException() {
        qt("parsingArbitraryTextFailsOnlyWithSiweException").forAll(mangledMessages()).checkAssert(text -> {
            Throwable thrown = catchThrowable(() -> SiweMessageParser.parse(text));

            assertThat(thrown).satisfiesAnyOf(
                    t -> assertThat(t).isNull(),
                    t -> assertThat(t).isInstanceOf(SiweException.class));
        });
    }

    private static QuickTheory qt(String property) {
        return PropertyChecks.qt("SiweMessagePropertiesTest." + property).withExamples(EXAMPLES);
    }

    /** Valid messages: every required field, each optional field present 95 % of the time, up to 6 resources. */
    static Gen<SiweMessage> messages() {
        // QuickTheories zips at most five generators; the six builder arguments go in as pairs.
        Gen<Pair<String, String>> domainAndAddress = domains().zip(addresses(), Pair::of);
        Gen<Pair<String, Long>> uriAndChainId = uris().zip(longs().between(0, Long.MAX_VALUE), Pair::of);
        Gen<Pair<String, OffsetDateTime>> nonceAndIssuedAt = chars(ALNUM, 8, 32).zip(timestamps(), Pair::of);
        Gen<SiweMessage.Builder> required = domainAndAddress.zip(uriAndChainId, nonceAndIssuedAt,
                (da, uc, ni) -> SiweMessage.builder(da._1, da._2, uc._1, uc._2, ni._1, ni._2));
        Gen<Optional<String>> schemes = arbitrary().pick("https", "http", "wss", "app+ore.v2").toOptionals(EMPTY_PERCENT);
        Gen<Optional<String>> statements = chars(STATEMENT, 1, 120).toOptionals(EMPTY_PERCENT);
        Gen<Pair<Optional<OffsetDateTime>, Optional<OffsetDateTime>>> expirationAndNotBefore =
                timestamps().toOptionals(EMPTY_PERCENT).zip(timestamps().toOptionals(EMPTY_PERCENT), Pair::of);
        Gen<Pair<Optional<String>, List<String>>> requestIdAndResources =
                pchars(0, 24).toOptionals(EMPTY_PERCENT).zip(lists().of(uris()).ofSizeBetween(0, 6), Pair::of);
        return required.zip(schemes, statements, expirationAndNotBefore, requestIdAndResources,
                (builder, scheme, statement, en, rr) -> builder
                        .scheme(scheme.orElse(null))
                        .statement(statement.orElse(null))
                        .expirationTime(en._1.orElse(null))
                        .notBefore(en._2.orElse(null))
                        .requestId(rr._1.orElse(null))
                        .resources(rr._2)
                        .build());
    }

    /**
     * Hostile text, one third each: any short BMP string, a valid message with one ASCII character
     * overwritten, and a valid message whose URI is a long run of percent escapes.
     */
    static Gen<String> mangledMessages() {
        Gen<String> fromMessages = messages().map(SiweMessage::toText);
        Gen<String> oneCharChanged = fromMessages.zip(integers().between(0, 4000), Generate.characters(0, 127),
                (text, at, c) -> {
                    int i = at % text.length();
                    return text.substring(0, i) + c + text.substring(i + 1);
                });
        Gen<String> longPercentRuns = integers().between(1, 1300)
                .map(n -> SiweMessageParserTest.MINIMAL.replace("/login", "/" + "%41".repeat(n)));
        return Generate.oneOf(strings().basicMultilingualPlaneAlphabet().ofLengthBetween(0, 300), oneCharChanged,
                longPercentRuns);
    }

    private static Gen<String> domains() {
        Gen<String> label = chars("abcdefghijklmnopqrstuvwxyz0123456789-", 1, 12);
        Gen<String> names = lists().of(label).ofSizeBetween(1, 4).map(labels -> String.join(".", labels));
        Gen<String> hosts = Generate.oneOf(names, arbitrary().pick("localhost", "127.0.0.1", "[::1]", "[2001:db8::1]"));
        Gen<Optional<Integer>> ports = integers().between(1, 65535).toOptionals(EMPTY_PERCENT);
        return hosts.zip(ports, (host, port) -> host + port.map(p -> ":" + p).orElse(""));
    }

    /** EIP-55 checksummed addresses of 20 random bytes. */
    private static Gen<String> addresses() {
        return Generate.byteArrays(Generate.constant(20), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0))
                .map(bytes -> Eip55.toChecksum("0x" + HexFormat.of().formatHex(bytes)));
    }

    /** Half web URIs (https, http or ipfs; host, path, optional query), half {@code urn:ore:} URNs. */
    private static Gen<String> uris() {
        Gen<String> path = lists().of(pchars(0, 16)).ofSizeBetween(0, 4).map(segments -> "/" + String.join("/", segments));
        Gen<String> web = arbitrary().pick("https", "http", "ipfs").zip(domains(), path, pchars(0, 12).toOptionals(EMPTY_PERCENT),
                (scheme, host, p, query) -> scheme + "://" + host + p + query.map(q -> "?" + q).orElse(""));
        Gen<String> urn = pchars(1, 30).map(s -> "urn:ore:" + s);
        return Generate.oneOf(web, urn);
    }

    private static Gen<String> pchars(int min, int max) {
        return chars(PCHAR, min, max);
    }

    /** Strings of {@code min..max} characters, each picked from {@code alphabet}; shrinks towards short strings of its first character. */
    private static Gen<String> chars(String alphabet, int min, int max) {
        Gen<Character> character = Generate.pick(alphabet.chars().mapToObj(c -> (char) c).toList());
        return lists().of(character).ofSizeBetween(min, max)
                .map(cs -> cs.stream().map(String::valueOf).collect(Collectors.joining()));
    }

    /**
     * 2000-01-01..2100-01-01 with any offset of whole minutes within ±18 h; the nanoseconds are 0 in
     * 3 of 5 cases, whole milliseconds in 1 and arbitrary in 1.
     */
    private static Gen<OffsetDateTime> timestamps() {
        Gen<Long> seconds = longs().between(946_684_800L, 4_102_444_800L);
        Gen<Integer> nanos = Generate.frequency(
                Pair.of(3, Generate.constant(0)),
                Pair.of(1, integers().between(0, 999).map(ms -> ms * 1_000_000)),
                Pair.of(1, integers().between(0, 999_999_999)));
        Gen<ZoneOffset> offsets = integers().between(-18 * 60, 18 * 60)
                .map(minutes -> ZoneOffset.ofTotalSeconds(minutes * 60));
        return seconds.zip(nanos, offsets, (s, n, offset) -> OffsetDateTime.ofInstant(Instant.ofEpochSecond(s, n), offset));
    }
}
