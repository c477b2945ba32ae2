package ore.bench;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One Argon2id derivation at auth-service's parameters, the CPU and memory every login and
 * registration pays (and why {@code ore.auth.password.max-concurrent} is 2).
 *
 * <p>It calls Bouncy Castle the way {@code ore.auth.adapter.out.crypto.Argon2PasswordHasher.derive}
 * does (Argon2id, version 1.3, 16-byte salt, 32-byte hash) instead of calling that class. Depending
 * on auth-service would put its {@code application.yml} and bean definitions (data source, Flyway,
 * Kafka, Redis...) on this module's classpath, where they would change the Micronaut context of
 * {@link TokenVerificationBenchmark}; and the auth-service artifact is the shaded application jar,
 * dependencies included. What the hasher adds around the derivation (a semaphore, a regular
 * expression, Base64) costs microseconds against milliseconds. Keep the constants in step with
 * {@code AuthSettings.Password}'s defaults.
 */
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
public class PasswordHashBenchmark {

    static final int MEMORY_KIB = 19456;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private byte[] password;
    private Argon2Parameters parameters;

    @Setup
    public void prepare() {
        // The salt's value does not change the work; a fresh one per thread is what the service does.
        byte[] salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        password = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
        parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(MEMORY_KIB).withIterations(ITERATIONS).withParallelism(PARALLELISM)
                .withSalt(salt).build();
    }

    @Benchmark
    public byte[] hash() {
        return derive();
    }

    /** Two at once, the most the service runs: shows whether two cores give twice the logins. */
    @Benchmark
    @Threads(2)
    public byte[] hashTwoThreads() {
        return derive();
    }

    private byte[] derive() {
        var generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[HASH_BYTES];
        generator.generateBytes(password, out);
        return out;
    }
}
