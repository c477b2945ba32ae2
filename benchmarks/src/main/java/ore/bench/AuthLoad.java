package ore.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/**
 * HTTP load on a running auth-service (docs/operations.md): registers {@code --accounts} e-mail accounts
 * the way a player does (register, then confirm the code mailed to the address, which a local
 * auth-service writes to its log: {@link MailLog}), then measures sign-in ({@code POST /api/auth/login}: an Argon2id verification, a session row and
 * an ES256 token) and refresh ({@code POST /api/auth/refresh}: a locked row, a rotation, a token),
 * each with {@code --concurrency} closed-loop workers for {@code --seconds}, after an unmeasured
 * warm-up. Prints requests, errors by status, throughput and latency percentiles per phase.
 *
 * <p>All requests come from one address, so auth-service's per-IP rate limits must be raised for
 * the run (benchmarks/run-auth-load.sh does); otherwise the figures are mostly 429s.
 */
public final class AuthLoad {

    private static final String PASSWORD = "bench-password-0123456789";
    /** Registration hashes a password per account; this bounds it however many accounts are asked. */
    private static final Duration REGISTRATION_LIMIT = Duration.ofMinutes(5);
    /** How long the service may take to write the last confirmation code to its log. */
    private static final Duration CODE_WAIT = Duration.ofSeconds(30);

    private final LoadSettings settings;
    private final AuthClient client;
    private final PrintStream out;
    /** Makes this run's e-mails unique, so runs can repeat against the same database. */
    private final String run = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

    private AuthLoad(LoadSettings settings, AuthClient client, PrintStream out) {
        this.settings = settings;
        this.client = client;
        this.out = out;
    }

    public static void main(String[] args) throws InterruptedException {
        LoadSettings settings;
        try {
            settings = LoadSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        boolean complete;
        try (var client = new AuthClient(settings.base())) {
            complete = new AuthLoad(settings, client, System.out).run();
        } catch (IOException e) {
            System.err.println("cannot read the mail log: " + e);
            complete = false;
        }
        System.exit(complete ? 0 : 1);
    }

    private boolean run() throws InterruptedException, IOException {
        out.printf("AuthLoad against %s: %d accounts, %d workers, %d s per phase after %d s warm-up, "
                        + "at most %d requests per phase%n", settings.base(), settings.accounts(), settings.concurrency(),
                settings.phase().toSeconds(), settings.warmup().toSeconds(), settings.maxRequests());
        MailLog mails = new MailLog(settings.mailLog());
        PhaseStats registration = ClosedLoop.run("register", settings.concurrency(), REGISTRATION_LIMIT,
                settings.accounts(), w -> sequence -> client.register(email(sequence), PASSWORD).status());
        registration.print(out);
        if (registration.ok() < settings.accounts()) {
            out.printf("%nOnly %d of %d registrations accepted; not measuring sign-in.%n", registration.ok(),
                    settings.accounts());
            return false;
        }
        List<String> codes = mails.codes(settings.accounts(), CODE_WAIT);
        if (codes.size() < settings.accounts()) {
            out.printf("%nOnly %d of %d confirmation codes found in %s (auth-service must run with "
                    + "ORE_AUTH_MAIL_PROVIDER=log and ORE_AUTH_MAIL_LOG_CODES=true); not measuring sign-in.%n",
                    codes.size(), settings.accounts(), mails.file());
            return false;
        }
        PhaseStats confirmation = ClosedLoop.run("confirm", settings.concurrency(), REGISTRATION_LIMIT, codes.size(),
                w -> sequence -> client.confirm(codes.get(Math.toIntExact(sequence))).status());
        confirmation.print(out);
        if (confirmation.ok() < settings.accounts()) {
            out.printf("%nOnly %d of %d accounts confirmed; not measuring sign-in.%n", confirmation.ok(),
                    settings.accounts());
            return false;
        }
        measure("login", w -> sequence -> client.login(email(sequence % settings.accounts()), PASSWORD).status());
        measure("refresh", this::refresher);
        return true;
    }

    /** An unmeasured warm-up, then the measured phase. */
    private void measure(String name, IntFunction<ClosedLoop.Worker> workers)
            throws InterruptedException {
        if (!settings.warmup().isZero()) {
            PhaseStats warmup = ClosedLoop.run(name + " warm-up", settings.concurrency(), settings.warmup(),
                    settings.maxRequests(), workers);
            out.printf("%n(%s warm-up: %d requests, %d 2xx, not counted)%n", name, warmup.requests(), warmup.ok());
        }
        ClosedLoop.run(name, settings.concurrency(), settings.phase(), settings.maxRequests(), workers).print(out);
    }

    /**
     * A worker that keeps rotating its own session's refresh token, as one client does. Signing in
     * (untimed) gives it the first token, and a new one if a refresh ever fails.
     */
    private ClosedLoop.Worker refresher(int worker) {
        String email = email(worker % settings.accounts());
        return new ClosedLoop.Worker() {
            private String token;

            @Override
            public void prepare() throws IOException, InterruptedException {
                if (token == null) {
                    AuthClient.Reply login = client.login(email, PASSWORD);
                    if (!login.ok()) {
                        throw new IOException("login " + login.status());
                    }
                    token = AuthClient.refreshToken(login);
                }
            }

            @Override
            public int call(long sequence) throws IOException, InterruptedException {
                // Forgotten before sending: if no reply comes, the token may have been used, and
                // presenting it again would look like token theft and revoke the session.
                String presented = token;
                token = null;
                AuthClient.Reply reply = client.refresh(presented);
                if (reply.ok()) {
                    token = AuthClient.refreshToken(reply);
                }
                return reply.status();
            }
        };
    }

    private String email(long account) {
        return "bench-" + run + "-" + account + "@example.com";
    }
}
