package ore.core.id;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * UUID version 7 (RFC 9562 §5.7): 48 bits of Unix milliseconds, then random bits. Ids sort by
 * creation time, which keeps B-tree inserts local in PostgreSQL and makes logs easier to read.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static UUID newId() {
        return newId(Clock.systemUTC());
    }

    public static UUID newId(Clock clock) {
        long millis = clock.millis();
        long randA = RANDOM.nextInt(1 << 12);
        long msb = (millis << 16) | (0x7L << 12) | randA;
        long lsb = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }

    /** Milliseconds since the epoch encoded in a version-7 id. */
    public static long timestampMillis(UUID v7) {
        if (v7.version() != 7) {
            throw new IllegalArgumentException("not a version 7 UUID: " + v7);
        }
        return v7.getMostSignificantBits() >>> 16;
    }
}
