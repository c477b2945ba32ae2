package ore.auth.adapter.out.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import ore.auth.app.port.Mailer;
import ore.core.error.DomainException;
import ore.core.error.ErrorCategory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The SES adapter through the real AWS SDK and HTTP, against a local endpoint that answers as SES's
 * {@code SendEmail} does (SES itself is not reachable from tests); it records what the SDK sent.
 */
class SesMailerTest extends MailerContract {

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private final HttpServer server;
    private final SesMailer mailer;

    SesMailerTest() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath() + " " + body);
            byte[] answer = (status.get() == 200 ? "{\"MessageId\":\"m-1\"}"
                    : "{\"message\":\"throttled\"}").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            if (status.get() != 200) {
                ex.getResponseHeaders().add("x-amzn-ErrorType", "TooManyRequestsException");
            }
            ex.sendResponseHeaders(status.get(), answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        server.start();
        var client = SesV2Client.builder()
                .region(Region.EU_WEST_1)
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(5)))
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(10)).retryStrategy(r -> r.maxAttempts(1)))
                .build();
        mailer = new SesMailer(client, "no-reply@ore.test");
    }

    @AfterEach
    void stop() {
        mailer.close();
        server.stop(0);
    }

    @Override
    Mailer mailer() {
        return mailer;
    }

    @Override
    boolean delivered(String to, String subject) {
        return requests.stream().anyMatch(r -> r.startsWith("POST /v2/email/outbound-emails")
                && r.contains(to) && r.contains(subject) && r.contains("no-reply@ore.test"));
    }

    @Test
    void aFailureOfSesIsUnavailableNotA500() {
        status.set(429);
        assertThatThrownBy(() -> mailer.send(new Mailer.Mail("p@example.com", "s", "t")))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.UNAVAILABLE));
    }
}
