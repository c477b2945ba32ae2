package ore.local.service;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import ore.local.StartupException;

/** Waits for a started service to answer {@code GET /health} with 200, as the ECS health check does. */
public final class HealthCheck {

    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient client;
    private final Duration timeout;

    public HealthCheck(HttpClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    public static URI healthUri(int port) {
        return URI.create("http://127.0.0.1:" + port + "/health");
    }

    /** Returns the last status seen (200) or throws with the reason the service never became healthy. */
    public int awaitHealthy(ServiceProcess service) throws StartupException, InterruptedException {
        URI uri = healthUri(service.spec().port());
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastSeen = "no answer";
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new StartupException(service.spec().name() + " exited with code " + service.exitCode()
                        + " before it became healthy; its last lines:\n  " + String.join("\n  ", service.lastLines()));
            }
            try {
                HttpResponse<String> response = client.send(
                        HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return 200;
                }
                lastSeen = "HTTP " + response.statusCode() + " " + response.body();
            } catch (IOException e) {
                lastSeen = "no answer (" + e.getClass().getSimpleName() + ")";
            }
            Thread.sleep(POLL);
        }
        throw new StartupException(service.spec().name() + " did not answer GET " + uri + " with 200 within "
                + timeout.toSeconds() + " s (last: " + lastSeen + "). Its output above, prefixed ["
                + service.spec().name() + "], says why; often PostgreSQL, Redis or Kafka settings.");
    }
}
