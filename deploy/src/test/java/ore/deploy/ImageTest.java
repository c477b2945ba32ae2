package ore.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The image recipe (Jib configuration in the root pom) and the health check script every image
 * carries, run here against a real HTTP server the way ECS and compose run it.
 */
class ImageTest {

    static final String SCRIPT = "deploy/image/root/opt/ore/bin/ore-healthcheck";
    HttpServer server;
    volatile int healthStatus = 503;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health/liveness", exchange -> respond(exchange, 200));
        server.createContext("/health", exchange -> respond(exchange, healthStatus));
        server.start();
    }

    static void respond(com.sun.net.httpserver.HttpExchange exchange, int status) throws IOException {
        byte[] body = "{\"status\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    int check(int port, String... path) throws Exception {
        var command = new java.util.ArrayList<String>();
        command.add("bash");
        command.add(Repo.file(SCRIPT).toString());
        command.addAll(java.util.List.of(path));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("MICRONAUT_SERVER_PORT", Integer.toString(port));
        Process process = builder.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the check ends on its own").isTrue();
        return process.exitValue();
    }

    @Test
    void healthyOnlyWhenThePathAnswers200() throws Exception {
        int port = server.getAddress().getPort();
        assertThat(check(port)).as("default: liveness").isZero();
        assertThat(check(port, "/health")).as("readiness while a dependency is down").isEqualTo(1);
        healthStatus = 200;
        assertThat(check(port, "/health")).isZero();
    }

    @Test
    void unhealthyWhenNothingListens() throws Exception {
        int free;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = socket.getLocalPort();
        }
        assertThat(check(free)).isEqualTo(1);
    }

    @Test
    void theScriptIsExecutableInTheImage() throws Exception {
        String pom = Files.readString(Repo.file("pom.xml"));
        assertThat(pom).contains("<file>/opt/ore/bin/ore-healthcheck</file><mode>755</mode>");
        assertThat(Files.readString(Repo.file(SCRIPT))).startsWith("#!/bin/bash\n");
    }

    @Test
    void imagesRunAsANumericNonRootUserOnPort8080FromADigestPinnedBase() throws Exception {
        String pom = Files.readString(Repo.file("pom.xml"));
        assertThat(pom).containsPattern("<ore.image.base>eclipse-temurin:25-jre@sha256:[0-9a-f]{64}</ore.image.base>");
        assertThat(pom).contains("<user>10001:10001</user>");
        assertThat(pom).contains("<ports><port>8080</port></ports>");
        assertThat(pom).contains("<MICRONAUT_SERVER_PORT>8080</MICRONAUT_SERVER_PORT>");
        assertThat(pom).contains("<volume>/tmp</volume>");
        assertThat(pom).containsPattern("-XX:MaxRAMPercentage=");
        for (Sizing.Service s : Sizing.load().containerServices()) {
            String modulePom = Files.readString(Repo.file(s.name() + "/pom.xml"));
            assertThat(modulePom).as(s.name() + " names its image")
                    .contains("<jib.to.image>ore/" + s.name() + "</jib.to.image>")
                    .contains("<exec.mainClass>");
        }
    }
}
