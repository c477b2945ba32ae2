package ore.bench;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The arguments of {@link AuthLoad}. The target must be a loopback address: this tool generates
 * load, and pointing it at a shared or production host by mistake must be impossible.
 *
 * @param base        auth-service's base URL
 * @param accounts    e-mail accounts registered before the login phase
 * @param concurrency closed-loop workers per phase
 * @param phase       length of each measured phase
 * @param warmup      unmeasured run before each measured phase (JIT, connection pools)
 * @param maxRequests request budget of each phase; the phase ends at whichever limit comes first
 * @param mailLog     auth-service's log, where it writes the confirmation codes of the registrations
 *                    ({@code ORE_AUTH_MAIL_PROVIDER=log}, {@code ORE_AUTH_MAIL_LOG_CODES=true}; see {@link MailLog})
 */
record LoadSettings(URI base, int accounts, int concurrency, Duration phase, Duration warmup, long maxRequests,
                    Path mailLog) {

    static final String USAGE = """
            usage: AuthLoad --mail-log <auth-service log> [--base http://127.0.0.1:8081] [--accounts 200]
                            [--concurrency 16] [--seconds 20] [--warmup-seconds 5] [--max-requests 1000000]
            --mail-log: the log of an auth-service run with ORE_AUTH_MAIL_PROVIDER=log and
                        ORE_AUTH_MAIL_LOG_CODES=true (local only): accounts exist once their mailed code is
                        confirmed, and the codes are read from there (benchmarks/run-auth-load.sh does this)""";

    LoadSettings {
        requireLoopback(base);
        requireRange("accounts", accounts, 1, 100_000);
        requireRange("concurrency", concurrency, 1, 1_000);
        requireRange("seconds", phase.toSeconds(), 1, 3_600);
        requireRange("warmup-seconds", warmup.toSeconds(), 0, 600);
        requireRange("max-requests", maxRequests, 1, 100_000_000);
        if (mailLog == null) {
            throw new IllegalArgumentException("--mail-log is required\n" + USAGE);
        }
    }

    static LoadSettings parse(String[] args) {
        URI base = URI.create("http://127.0.0.1:8081");
        int accounts = 200;
        int concurrency = 16;
        long seconds = 20;
        long warmup = 5;
        long maxRequests = 1_000_000;
        Path mailLog = null;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + args[i] + "\n" + USAGE);
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--base" -> base = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
                case "--accounts" -> accounts = Integer.parseInt(value);
                case "--concurrency" -> concurrency = Integer.parseInt(value);
                case "--seconds" -> seconds = Long.parseLong(value);
                case "--warmup-seconds" -> warmup = Long.parseLong(value);
                case "--max-requests" -> maxRequests = Long.parseLong(value);
                case "--mail-log" -> mailLog = Path.of(value);
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "\n" + USAGE);
            }
        }
        return new LoadSettings(base, accounts, concurrency, Duration.ofSeconds(seconds), Duration.ofSeconds(warmup),
                maxRequests, mailLog);
    }

    private static void requireLoopback(URI base) {
        if (!"http".equals(base.getScheme()) || base.getHost() == null) {
            throw new IllegalArgumentException("--base must be an http:// URL, got " + base);
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(base.getHost())) {
                if (!address.isLoopbackAddress()) {
                    throw new IllegalArgumentException("--base must resolve to loopback addresses only, "
                            + base.getHost() + " resolves to " + address.getHostAddress());
                }
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve " + base.getHost(), e);
        }
    }

    private static void requireRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("--" + name + " must be " + min + ".." + max + ", got " + value);
        }
    }
}
