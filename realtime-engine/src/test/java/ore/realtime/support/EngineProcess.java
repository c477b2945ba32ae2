package ore.realtime.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A realtime-engine in its own JVM (this test JVM's class path, main class {@code ore.realtime.Application}),
 * so a test can kill it (SIGKILL: a crash) or stop it (SIGTERM: a Spot interruption).
 */
public final class EngineProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private EngineProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static EngineProcess start(Map<String, String> properties) {
        return start(properties, List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"));
    }

    public static EngineProcess start(Map<String, String> properties, List<String> jvmOptions) {
        int port = Engines.freePort();
        try {
            Path log = Files.createTempFile("realtime-engine-", ".log");
            var command = new ArrayList<String>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("--enable-native-access=ALL-UNNAMED");
            command.addAll(jvmOptions);
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
            command.add("-Dmicronaut.server.port=" + port);
            command.add("ore.realtime.Application");
            var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            var engine = new EngineProcess(builder.start(), port, log);
            engine.awaitHealthy(Duration.ofSeconds(90));
            return engine;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String wsUrl() {
        return "ws://127.0.0.1:" + port + "/ws";
    }

    public Process process() {
        return process;
    }

    private void awaitHealthy(Duration timeout) {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("realtime-engine exited with " + process.exitValue() + "; log: " + tail());
            }
            try {
                var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
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
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("realtime-engine not healthy within " + timeout + "; log: " + tail());
    }

    public String tail() {
        try {
            String text = Files.readString(log);
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
