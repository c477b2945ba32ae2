package ore.auth.adapter.out.mail;

import java.net.URI;
import java.time.Duration;
import ore.auth.app.port.Mailer;
import ore.core.error.DomainException;
import ore.core.error.ErrorCategory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.SesV2ClientBuilder;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.Destination;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.Message;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * Sends mail with Amazon SES (API v2, {@code SendEmail}), with the task role's credentials (the
 * SDK's default chain). Every call has a deadline ({@code timeout}); a failure surfaces as
 * UNAVAILABLE so the caller answers 503 and the player can retry.
 */
public final class SesMailer implements Mailer, AutoCloseable {

    private final SesV2Client ses;
    private final String from;

    /**
     * @param endpoint null for AWS's endpoint of {@code region}; set for tests or a VPC endpoint
     */
    public SesMailer(String region, String from, Duration timeout, URI endpoint) {
        SesV2ClientBuilder builder = SesV2Client.builder()
                .region(Region.of(region))
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(timeout).socketTimeout(timeout))
                .overrideConfiguration(c -> c.apiCallTimeout(timeout.multipliedBy(2)).apiCallAttemptTimeout(timeout));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        this.ses = builder.build();
        this.from = from;
    }

    /** For tests: an already built client. */
    SesMailer(SesV2Client ses, String from) {
        this.ses = ses;
        this.from = from;
    }

    @Override
    public void send(Mail mail) {
        if (mail.to() == null || mail.to().indexOf('@') < 1) {
            throw new IllegalArgumentException("not an e-mail address");
        }
        var request = SendEmailRequest.builder()
                .fromEmailAddress(from)
                .destination(Destination.builder().toAddresses(mail.to()).build())
                .content(EmailContent.builder().simple(Message.builder()
                        .subject(Content.builder().data(mail.subject()).charset("UTF-8").build())
                        .body(Body.builder().text(Content.builder().data(mail.text()).charset("UTF-8").build()).build())
                        .build()).build())
                .build();
        try {
            ses.sendEmail(request);
        } catch (SdkException e) {
            throw new DomainException(ErrorCategory.UNAVAILABLE, "auth.mail_unavailable",
                    "The e-mail could not be sent right now; retry shortly.", Duration.ofSeconds(5));
        }
    }

    @Override
    public void close() {
        ses.close();
    }
}
