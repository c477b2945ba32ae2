package ore.core.logging;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data in free text before it reaches a log: e-mail addresses, IP addresses,
 * Ethereum wallet addresses, exact coordinates, bearer tokens (JWTs) and refresh tokens
 * ({@code ort_...}). The masked forms keep enough to
 * debug (the e-mail's first letter and TLD, the IP's network, a wallet's first and last four hex
 * digits, coordinates to two decimals ≈ 1 km) but not enough to identify a player.
 *
 * <p>Pure and thread-safe; {@link PiiValueMasker} applies it to every string in every JSON log line.
 */
public final class PiiMasker {

    private record Rule(Pattern pattern, Function<Matcher, String> replacement) {
    }

    private static final List<Rule> RULES = List.of(
            // JWTs and other bearer tokens: three base64url parts starting with a JSON header.
            new Rule(Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*"), m -> "eyJ***"),
            // auth-service's opaque refresh tokens: "ort_" and 43 base64url characters.
            new Rule(Pattern.compile("ort_[A-Za-z0-9_-]{20,}"), m -> "ort_***"),
            new Rule(Pattern.compile("[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+\\.)+([A-Za-z]{2,})"),
                    m -> m.group().charAt(0) + "***@***." + m.group(2)),
            new Rule(Pattern.compile("\\b0x([0-9a-fA-F]{4})[0-9a-fA-F]{32}([0-9a-fA-F]{4})\\b"),
                    m -> "0x" + m.group(1) + "…" + m.group(2)),
            // "lat": 37.56654, lon=126.97796 and the like.
            new Rule(Pattern.compile("(?i)(\"?(?:lat|lon|lng|latitude|longitude)\"?\\s*[:=]\\s*)(-?\\d{1,3}\\.\\d{2})\\d+"),
                    m -> m.group(1) + m.group(2)),
            // A bare "37.56654, 126.97796" pair.
            new Rule(Pattern.compile("(-?\\d{1,2}\\.\\d{2})\\d+(\\s*,\\s*)(-?\\d{1,3}\\.\\d{2})\\d+"),
                    m -> m.group(1) + m.group(2) + m.group(3)),
            new Rule(Pattern.compile("\\b(\\d{1,3}\\.\\d{1,3})\\.\\d{1,3}\\.\\d{1,3}\\b"), m -> m.group(1) + ".x.x"),
            // IPv6: keep the first three groups (the /48 a provider assigns), drop the rest.
            new Rule(Pattern.compile("\\b([0-9a-fA-F]{1,4}:[0-9a-fA-F]{1,4}:[0-9a-fA-F]{1,4}):[0-9a-fA-F:]{2,}\\b"),
                    m -> m.group(1) + ":x"));

    private PiiMasker() {
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(result);
            if (m.find()) {
                StringBuilder sb = new StringBuilder(result.length());
                do {
                    m.appendReplacement(sb, Matcher.quoteReplacement(rule.replacement().apply(m)));
                } while (m.find());
                m.appendTail(sb);
                result = sb.toString();
            }
        }
        return result;
    }
}
