package ore.bench;

import com.nimbusds.jose.jwk.ECKey;
import io.micronaut.security.authentication.Authentication;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What verifying a player's access token costs a service other than auth-service (docs/operations.md):
 * {@link Verifier} (ore-security in a Micronaut context, Micronaut Security's validator) against a
 * JWKS served over loopback HTTP by {@link JwksServer}, ES256 tokens shaped like auth-service's.
 *
 * <ul>
 *   <li>{@code cached*}: the steady state, keys already fetched: parse, one ECDSA P-256
 *       verification, claim checks, {@code Authentication}. Throughput with one and two threads,
 *       and the average time of one verification.</li>
 *   <li>{@code cold}: the first verification by a freshly started verifier of a token whose key it
 *       has not fetched yet, so it waits for a JWKS fetch over a new connection; the same wait a
 *       request sees after a key rotation or when the cache's TTL has run out. Starting the context
 *       is not measured (a service does that once); each invocation gets a new one.</li>
 *   <li>{@code rejectForged}: tokens signed by an attacker's key under random {@code kid}s, with
 *       the production defaults ({@code jwks-min-refresh-interval} 30 s): unknown kids may force
 *       at most one JWKS fetch per interval, so a forgery costs a parse and a map lookup. The
 *       number of fetches the run caused is printed at the end of the fork.</li>
 * </ul>
 */
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class TokenVerificationBenchmark {

    /** One verifier for the whole run, its JWKS fetched during set-up. */
    @State(Scope.Benchmark)
    public static class Warm {

        private static final int FORGERIES = 1024;

        JwksServer jwks;
        Verifier verifier;
        String token;
        List<String> forged;
        int fetchesAfterSetup;

        @Setup(Level.Trial)
        public void start() {
            ECKey key = AccessTokens.newKey("key-" + UUID.randomUUID());
            ECKey attacker = AccessTokens.newKey("attacker");
            jwks = JwksServer.start();
            jwks.publish(key);
            verifier = Verifier.start(jwks.url(), Map.of());
            token = AccessTokens.player(key);
            verifier.awaitAccepted(token);
            forged = IntStream.range(0, FORGERIES)
                    .mapToObj(i -> AccessTokens.player(attacker, "forged-" + UUID.randomUUID()))
                    .toList();
            fetchesAfterSetup = jwks.fetches();
        }

        @TearDown(Level.Trial)
        public void stop() {
            System.out.printf("%nJWKS fetches after set-up: %d (set-up itself: %d)%n",
                    jwks.fetches() - fetchesAfterSetup, fetchesAfterSetup);
            verifier.close();
            jwks.close();
        }
    }

    /** Each thread walks the forged tokens on its own, so no two threads contend on a counter. */
    @State(Scope.Thread)
    public static class ForgeryCursor {

        private int next;

        String next(List<String> forged) {
            next = (next + 1) % forged.size();
            return forged.get(next);
        }
    }

    /** A new verifier per invocation whose cache lacks the key of {@link #token}. */
    @State(Scope.Thread)
    public static class Cold {

        private static final long SETTLE_MILLIS = 200;

        JwksServer jwks;
        Verifier verifier;
        String token;
        int fetchesBefore;

        @Setup(Level.Trial)
        public void startServer() {
            jwks = JwksServer.start();
        }

        @Setup(Level.Iteration)
        public void freshVerifier() {
            ECKey previous = AccessTokens.newKey("key-" + UUID.randomUUID());
            ECKey next = AccessTokens.newKey("key-" + UUID.randomUUID());
            jwks.publish(previous);
            // Zero so the unknown kid below refreshes at once, though the start-up fetch was just now.
            verifier = Verifier.start(jwks.url(), Map.of("ore.security.jwks-min-refresh-interval", "0s"));
            verifier.awaitAccepted(AccessTokens.player(previous));
            settle();
            jwks.publish(previous, next);
            token = AccessTokens.player(next);
            fetchesBefore = jwks.fetches();
        }

        /**
         * JwksCache forgets a finished fetch in {@code doFinally}, which runs on the event loop just
         * after the keys reached the caller waiting above; a refresh asked for in between would get
         * that finished fetch's keys instead of fetching. The pause (not measured) lets it run, so
         * the measured verification makes a fetch of its own.
         */
        private static void settle() {
            try {
                Thread.sleep(SETTLE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @TearDown(Level.Iteration)
        public void closeVerifier() {
            verifier.close();
            if (jwks.fetches() != fetchesBefore + 1) {
                throw new IllegalStateException("cold verification should fetch the JWKS exactly once, fetched "
                        + (jwks.fetches() - fetchesBefore) + " times");
            }
        }

        @TearDown(Level.Trial)
        public void stopServer() {
            jwks.close();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Authentication cached(Warm warm) {
        return accepted(warm.verifier.verify(warm.token));
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(2)
    public Authentication cachedTwoThreads(Warm warm) {
        return accepted(warm.verifier.verify(warm.token));
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Authentication cachedAvgTime(Warm warm) {
        return accepted(warm.verifier.verify(warm.token));
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 5)
    @Measurement(iterations = 20)
    public Authentication cold(Cold cold) {
        return accepted(cold.verifier.verify(cold.token));
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Authentication rejectForged(Warm warm, ForgeryCursor cursor) {
        Authentication authentication = warm.verifier.verify(cursor.next(warm.forged));
        if (authentication != null) {
            throw new IllegalStateException("a forged token was accepted");
        }
        return null;
    }

    /**
     * One verification per mode, as a latency distribution (JMH prints p50/p90/p99):
     * {@code cached} is the production default (ore-security remembers verified signatures, so a
     * client's repeated token costs a hash and a map lookup); {@code uncached} turns that memory off,
     * so every call is a full ES256 verification on the preferred provider (ACCP);
     * {@code uncachedJdk} is the same on the JDK's SunEC, for comparison.
     */
    @State(Scope.Benchmark)
    public static class VerifyMode {

        @org.openjdk.jmh.annotations.Param({"cached", "uncached", "uncachedJdk"})
        public String mode;

        JwksServer jwks;
        Verifier verifier;
        String token;

        @Setup(Level.Trial)
        public void start() {
            ECKey key = AccessTokens.newKey("key-" + UUID.randomUUID());
            jwks = JwksServer.start();
            jwks.publish(key);
            Map<String, Object> overrides = switch (mode) {
                case "cached" -> Map.of();
                case "uncached" -> Map.of("ore.security.verified-cache-size", 0);
                case "uncachedJdk" -> Map.of("ore.security.verified-cache-size", 0, "ore.security.crypto-provider", "jdk");
                default -> throw new IllegalArgumentException(mode);
            };
            verifier = Verifier.start(jwks.url(), overrides);
            token = AccessTokens.player(key);
            verifier.awaitAccepted(token);
        }

        @TearDown(Level.Trial)
        public void stop() {
            verifier.close();
            jwks.close();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Authentication verify(VerifyMode state) {
        return accepted(state.verifier.verify(state.token));
    }

    /**
     * The floor under {@code verify} in mode {@code uncached}: the ECDSA P-256 verification alone, on
     * the same provider (ACCP), key object and bytes ore-security uses, nothing around it. The
     * difference between the two is what parsing, claim checks and the {@code Authentication} cost;
     * this CPU's own speed (it varies by the hour on a shared host) cancels out of it.
     */
    @State(Scope.Benchmark)
    public static class SignatureOnly {

        ore.security.EcVerifiers verifiers;
        com.nimbusds.jose.jwk.JWK key;
        byte[] signingInput;
        byte[] signature;

        @Setup(Level.Trial)
        public void start() {
            ECKey ec = AccessTokens.newKey("key-" + UUID.randomUUID());
            key = ec.toPublicJWK();
            String token = AccessTokens.player(ec);
            var parsed = ore.security.AccessTokenReader.read(token).orElseThrow();
            signingInput = parsed.signingInput();
            signature = parsed.signature();
            verifiers = new ore.security.EcVerifiers(ore.security.CryptoProviders.forChoice(
                    ore.security.CryptoProviders.parse("accp")));
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public boolean signatureOnly(SignatureOnly state) {
        if (!state.verifiers.verify(state.key, state.signingInput, state.signature)) {
            throw new IllegalStateException("a valid signature was rejected");
        }
        return true;
    }

    /** Fails the run rather than timing a rejection as if it were a verification. */
    private static Authentication accepted(Authentication authentication) {
        if (authentication == null) {
            throw new IllegalStateException("a valid token was rejected");
        }
        return authentication;
    }
}
