package ore.security;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Date;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers which access tokens' signatures already verified, so a client sending a request every
 * second does not cost an ECDSA P-256 verification every second. Only the signature check is
 * skipped: issuer, audience, expiry and every other claim are still checked on every request.
 *
 * <ul>
 *   <li>The key is the SHA-256 of the whole token, so an entry matches only the exact bytes that
 *       were verified; only successes are remembered.</li>
 *   <li>An entry never outlives the token ({@code exp}), the configured {@code ttl}, nor the key that
 *       verified it: it records the key object from the JWKS snapshot, and a hit requires the key
 *       currently cached under the token's {@code kid} to be that same object. A key withdrawn from
 *       (or replaced in) the JWKS therefore stops being honoured at the first refresh.</li>
 *   <li>The map holds at most {@code maxEntries}; when full, expired entries are dropped and, if
 *       that is not enough, the whole map (a burst of distinct tokens then costs one verification
 *       each again, never memory).</li>
 * </ul>
 * Thread-safe. {@code maxEntries = 0} turns it off.
 */
public final class VerifiedSignatures {

    private record Entry(JWK key, long expiresAtMillis) {
    }

    /** A 256-bit token hash as a map key with value equality. */
    private record Digest(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Digest d && Arrays.equals(bytes, d.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    /** Decides whether a token's signature is good, given the key its {@code kid} names. */
    @FunctionalInterface
    public interface Check {
        boolean verify(SignedJWT jwt, JWK key);
    }

    private final ConcurrentHashMap<Digest, Entry> verified = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final long ttlMillis;
    private final Clock clock;

    public VerifiedSignatures(int maxEntries, Duration ttl, Clock clock) {
        this.maxEntries = maxEntries;
        this.ttlMillis = ttl.toMillis();
        this.clock = clock;
    }

    /**
     * True when {@code jwt}'s signature is good under {@code key}: from memory when this exact token
     * was verified with this exact key before, else by {@code check} (remembered when it passes).
     */
    public boolean verify(SignedJWT jwt, JWK key, Check check) {
        String text = jwt.getParsedString();
        if (text == null) {
            return check.verify(jwt, key);
        }
        return verify(text, expiry(jwt), key, () -> check.verify(jwt, key));
    }

    /**
     * True when {@code token}'s signature is good under {@code key}: from memory when this exact token
     * was verified with this exact key before, else by {@code check} (remembered when it passes, until
     * {@code expiresAtMillis} at the latest).
     */
    public boolean verify(String token, long expiresAtMillis, JWK key, java.util.function.BooleanSupplier check) {
        if (maxEntries <= 0) {
            return check.getAsBoolean();
        }
        Digest digest = new Digest(sha256(token));
        long now = clock.millis();
        Entry entry = verified.get(digest);
        if (entry != null && entry.key() == key && entry.expiresAtMillis() > now) {
            return true;
        }
        if (!check.getAsBoolean()) {
            return false;
        }
        long until = Math.min(now + ttlMillis, expiresAtMillis);
        if (until > now) {
            if (verified.size() >= maxEntries) {
                verified.values().removeIf(e -> e.expiresAtMillis() <= now);
                if (verified.size() >= maxEntries) {
                    verified.clear();
                }
            }
            verified.put(digest, new Entry(key, until));
        }
        return true;
    }

    /** How many signatures are remembered (for tests and metrics). */
    public int size() {
        return verified.size();
    }

    private static long expiry(SignedJWT jwt) {
        try {
            Date exp = jwt.getJWTClaimsSet().getExpirationTime();
            return exp == null ? Long.MIN_VALUE : exp.getTime();
        } catch (ParseException e) {
            return Long.MIN_VALUE;
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
