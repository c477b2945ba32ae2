package ore.game.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import ore.testkit.OreInfra;
import ore.testkit.PgDatabase;

/**
 * A real location-service: its packaged jar started as a process against the test infrastructure
 * (fresh database and Redis DB, the shared Kafka broker), trusting the tokens of {@link PeerStub}'s
 * JWKS as it trusts auth-service's in production. The reactor builds location-service before
 * game-service, so the jar is there when these tests run.
 */
public final class LocationProcess implements AutoCloseable {

    private static final Path JAR = Path.of("..", "location-service", "target", "location-service-0.1.0-SNAPSHOT.jar");

    private final Process process;
    private final int port;
    private final Path log;

    private LocationProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static LocationProcess start(PeerStub peers) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException("location-service jar missing at " + JAR.toAbsolutePath()
                    + ": build it first (./mvnw -B -ntp -pl location-service -am package -DskipTests)");
        }
        int port = freePort();
        PgDatabase db = OreInfra.postgres();
        try {
            Path log = Files.createTempFile("location-service-", ".log");
            var builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-Xmx384m", "-XX:TieredStopAtLevel=1",
                    "-jar", JAR.toString());
            builder.environment().putAll(Map.of(
                    "MICRONAUT_SERVER_PORT", Integer.toString(port),
                    "DATASOURCES_DEFAULT_URL", db.jdbcUrl(),
                    "DATASOURCES_DEFAULT_USERNAME", db.user(),
                    "DATASOURCES_DEFAULT_PASSWORD", db.password() == null ? "" : db.password(),
                    "REDIS_URI", OreInfra.redis().uri(),
                    "KAFKA_BOOTSTRAP_SERVERS", OreInfra.kafka(),
                    "ORE_SECURITY_JWKS_URL", peers.baseUrl() + "/jwks",
                    "ORE_SECURITY_AUDIENCES", "ore-api,location",
                    "ORE_RATE_LIMIT_PER_IP_PER_MINUTE", "60000",
                    "ORE_RATE_LIMIT_PER_USER_PER_MINUTE", "60000"));
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
            var located = new LocationProcess(builder.start(), port, log);
            located.awaitHealthy(Duration.ofSeconds(90));
            return located;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitHealthy(Duration timeout) {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("location-service exited with " + process.exitValue() + "; log: " + tail());
            }
            try {
                var response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        close();
        throw new IllegalStateException("location-service not healthy within " + timeout + "; log: " + tail());
    }

    private String tail() {
        try {
            String text = Files.readString(log);
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
