package ore.auth.adapter.out.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ore.auth.app.port.PasswordHasher;
import ore.auth.domain.AuthErrors;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (RFC 9106) with Bouncy Castle, stored as a PHC string
 * {@code $argon2id$v=19$m=<KiB>,t=<iterations>,p=<lanes>$<salt>$<hash>} so parameters can be raised
 * later: old hashes still verify and are re-hashed at the next login.
 *
 * <p>Each hash costs {@code memoryKib} of memory and a few tens of milliseconds of one core, so
 * concurrency is capped by a semaphore sized for the task (0.5 vCPU, 1 GB): excess sign-ins wait
 * up to {@code maxWait}, then get 503 rather than exhausting the heap.
 */
public final class Argon2PasswordHasher implements PasswordHasher {

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{16,128})");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final int memoryKib;
    private final int iterations;
    private final int parallelism;
    private final Semaphore permits;
    private final long maxWaitMillis;
    private final SecureRandom random = new SecureRandom();
    private final String dummyHash;

    public Argon2PasswordHasher(int memoryKib, int iterations, int parallelism, int maxConcurrent, long maxWaitMillis) {
        if (memoryKib < 8 * parallelism || iterations < 1 || parallelism < 1 || maxConcurrent < 1) {
            throw new IllegalArgumentException("invalid Argon2 parameters");
        }
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.parallelism = parallelism;
        this.permits = new Semaphore(maxConcurrent, true);
        this.maxWaitMillis = maxWaitMillis;
        this.dummyHash = hash("dummy password for timing equalisation");
    }

    @Override
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] out = derive(password, salt, memoryKib, iterations, parallelism);
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(out);
    }

    @Override
    public boolean verify(String storedHash, String password) {
        Matcher m = storedHash == null ? null : PHC.matcher(storedHash);
        if (m == null || !m.matches()) {
            verifyDummy(password);
            return false;
        }
        byte[] expected = B64D.decode(m.group(5));
        byte[] actual = derive(password, B64D.decode(m.group(4)), Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    @Override
    public boolean needsRehash(String storedHash) {
        Matcher m = PHC.matcher(storedHash);
        return !m.matches() || Integer.parseInt(m.group(1)) < memoryKib || Integer.parseInt(m.group(2)) < iterations;
    }

    @Override
    public void verifyDummy(String password) {
        verify(dummyHash, password == null ? "" : password);
    }

    private byte[] derive(String password, byte[] salt, int m, int t, int p) {
        return derive(password, salt, m, t, p, HASH_BYTES);
    }

    private byte[] derive(String password, byte[] salt, int m, int t, int p, int length) {
        acquire();
        try {
            var params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                    .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                    .withMemoryAsKB(m).withIterations(t).withParallelism(p).withSalt(salt).build();
            var generator = new Argon2BytesGenerator();
            generator.init(params);
            byte[] out = new byte[length];
            generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
            return out;
        } finally {
            permits.release();
        }
    }

    private void acquire() {
        try {
            if (!permits.tryAcquire(maxWaitMillis, TimeUnit.MILLISECONDS)) {
                throw AuthErrors.busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AuthErrors.busy();
        }
    }
}
