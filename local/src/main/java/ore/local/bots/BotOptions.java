package ore.local.bots;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The command line of {@code bin/ore-bots}. {@link #parse} never exits: it throws
 * {@link UsageException} (the caller prints {@link #USAGE} and exits 2) or {@link HelpRequested}.
 */
public record BotOptions(int players, Duration duration, URI url, URI rpc, Duration rampUp, Duration settle,
                         String siweOrigin, String siweUri, long chainId, String tokenAddress,
                         boolean distinctAddresses, OptionalLong seed) {

    public static final int MAX_PLAYERS = 5000;
    public static final long MAX_DURATION_S = 24 * 3600;

    public static final String USAGE = """
            usage: bin/ore-bots --players N --duration SECONDS [options]

            Simulated players against a running ORE backend (bin/ore-local): each signs in as a guest,
            links a fresh wallet with SIWE, walks in central Seoul sending location fixes, holds the
            realtime socket, walks to nodes and mines them, claims its ore and waits for the payouts.

              --players N            how many players (1-5000)
              --duration SECONDS     how long they play (1-86400); then they claim what they hold and
                                     wait for their payouts (at most --settle)
              --url URL              the router (default http://localhost:8080)
              --rpc URL              the chain's JSON-RPC, for token balances (default http://127.0.0.1:8545)
              --ramp-up SECONDS      start the players spread over this time (default: duration/4, at most 10)
              --settle SECONDS       longest wait for payouts after the play time (default 90)
              --siwe-origin ORIGIN   the first line of the SIWE message (default http://localhost:8080,
                                     the local auth's domain whatever the port offset)
              --siwe-uri URI         its URI line (default http://localhost:8080)
              --chain-id ID          its chain id (default 31337, the local anvil)
              --token ADDRESS        the ORE token (default 0x5fbdb2315678afecb367f032d93f642f64180aa3)
              --same-address         every player from one client address (default: against a loopback
                                     URL, player i connects from 127.0.0.(2+i), as players have their own
                                     addresses; per-IP limits would otherwise throttle all at once)
              --seed N               seed of the walks (default random, printed)
              -h, --help             this text

            Progress every 2 s on stderr, the report on stdout. Exit 0 when no player saw an unexpected
            error, 1 otherwise, 2 for bad arguments.""";

    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    /** Bad command line: the message says what. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    /** {@code --help}: print the usage and exit 0. */
    public static final class HelpRequested extends Exception {
        public HelpRequested() {
            super("help");
        }
    }

    public static BotOptions parse(String... args) throws UsageException, HelpRequested {
        Integer players = null;
        Long durationS = null;
        URI url = URI.create("http://localhost:8080");
        URI rpc = URI.create("http://127.0.0.1:8545");
        Long rampS = null;
        long settleS = 90;
        String origin = "http://localhost:8080";
        String siweUri = "http://localhost:8080";
        long chainId = 31337;
        String token = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
        boolean distinct = true;
        OptionalLong seed = OptionalLong.empty();

        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "-h", "--help" -> throw new HelpRequested();
                case "--same-address" -> {
                    if (value != null) {
                        throw new UsageException("--same-address takes no value");
                    }
                    distinct = false;
                }
                case "--players", "--duration", "--url", "--rpc", "--ramp-up", "--settle", "--siwe-origin",
                     "--siwe-uri", "--chain-id", "--token", "--seed" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new UsageException(name + " needs a value");
                        }
                        value = args[++i];
                    }
                    switch (name) {
                        case "--players" -> players = (int) number(name, value, 1, MAX_PLAYERS);
                        case "--duration" -> durationS = number(name, value, 1, MAX_DURATION_S);
                        case "--url" -> url = httpUri(name, value);
                        case "--rpc" -> rpc = httpUri(name, value);
                        case "--ramp-up" -> rampS = number(name, value, 0, MAX_DURATION_S);
                        case "--settle" -> settleS = number(name, value, 0, 3600);
                        case "--siwe-origin" -> origin = nonBlank(name, value);
                        case "--siwe-uri" -> siweUri = nonBlank(name, value);
                        case "--chain-id" -> chainId = number(name, value, 1, Long.MAX_VALUE);
                        case "--token" -> {
                            if (!ADDRESS.matcher(value).matches()) {
                                throw new UsageException("--token must be an address 0x + 40 hex digits: " + value);
                            }
                            token = value.toLowerCase(Locale.ROOT);
                        }
                        case "--seed" -> seed = OptionalLong.of(number(name, value, Long.MIN_VALUE, Long.MAX_VALUE));
                        default -> throw new IllegalStateException(name);
                    }
                }
                default -> throw new UsageException("unknown argument " + arg);
            }
        }
        if (players == null) {
            throw new UsageException("--players is required");
        }
        if (durationS == null) {
            throw new UsageException("--duration is required");
        }
        long ramp = rampS != null ? rampS : Math.min(10, durationS / 4);
        if (ramp > durationS) {
            throw new UsageException("--ramp-up (" + ramp + " s) must not exceed --duration (" + durationS + " s)");
        }
        return new BotOptions(players, Duration.ofSeconds(durationS), url, rpc, Duration.ofSeconds(ramp),
                Duration.ofSeconds(settleS), origin, siweUri, chainId, token, distinct, seed);
    }

    private static long number(String name, String value, long min, long max) throws UsageException {
        long n;
        try {
            n = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a whole number: " + value);
        }
        if (n < min || n > max) {
            throw new UsageException(name + " must be between " + min + " and " + max + ": " + value);
        }
        return n;
    }

    private static URI httpUri(String name, String value) throws UsageException {
        URI uri;
        try {
            uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
        } catch (java.net.URISyntaxException e) {
            throw new UsageException(name + " is not a URL: " + value);
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
            throw new UsageException(name + " must be an http(s) URL with a host: " + value);
        }
        return uri;
    }

    private static String nonBlank(String name, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException(name + " must not be empty");
        }
        return value;
    }

    /** The WebSocket address of the router: {@code ws(s)://host:port/ws}. */
    public URI webSocketUri() {
        String scheme = url.getScheme().equals("https") ? "wss" : "ws";
        String path = url.getPath() == null ? "" : url.getPath();
        return URI.create(scheme + "://" + url.getRawAuthority() + path + "/ws");
    }
}
