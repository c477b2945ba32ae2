package ore.local.infra;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ore.local.Console;
import ore.local.Resources;
import ore.local.StartupException;

/**
 * The chain chain-gateway pays on: Foundry's anvil from the pinned npm package in tools/chain
 * (installed with {@code npm ci} when missing), a block every second so payouts become final within
 * seconds, and the ORE token deployed from anvil's first development account, which becomes the
 * treasury (it holds the whole initial supply and 10,000 ETH for gas). {@code ORE_LOCAL_CHAIN_RPC_URL}
 * points at a node of your own instead; it must be an anvil-like development node (unlocked
 * account 0), since the token is deployed with {@code eth_sendTransaction}.
 *
 * <p>anvil's well-known development key is public and worthless outside a local chain.
 */
public final class LocalChain {

    public static final long CHAIN_ID = 31337;
    public static final int BASE_PORT = 8545;
    /** anvil's first development account and its key: public knowledge, local chains only. */
    public static final String TREASURY = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    public static final String TREASURY_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    /** 1,000,000,000 ORE with 18 decimals. */
    static final BigInteger INITIAL_SUPPLY = BigInteger.TEN.pow(27);
    private static final Duration RPC_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern RESULT = Pattern.compile("\"result\"\\s*:\\s*(\"([^\"]*)\"|null|\\{)");
    private static final Pattern CONTRACT = Pattern.compile("\"contractAddress\"\\s*:\\s*\"(0x[0-9a-fA-F]{40})\"");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(0x[01])\"");

    private final LocalEnv env;
    private final Path home;
    private final Path stateDir;
    private final Console console;
    private final int port;

    public LocalChain(LocalEnv env, Path home, Path stateDir, Console console, int port) {
        this.env = env;
        this.home = home;
        this.stateDir = stateDir;
        this.console = console;
        this.port = port;
    }

    public Endpoints.Chain start(Resources resources) throws StartupException, InterruptedException {
        String external = env.get("ORE_LOCAL_CHAIN_RPC_URL").orElse("");
        String rpc;
        String origin;
        if (!external.isBlank()) {
            rpc = external;
            origin = "external node";
            URI uri;
            try {
                uri = URI.create(external);
            } catch (IllegalArgumentException e) {
                uri = null;
            }
            if (uri == null || uri.getHost() == null
                    || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new StartupException("ORE_LOCAL_CHAIN_RPC_URL must be an http(s) URL of a JSON-RPC node, "
                        + "e.g. http://127.0.0.1:8545, not '" + external + "'");
            }
        } else {
            rpc = "http://127.0.0.1:" + port;
            if (Probe.answers("127.0.0.1", port)) {
                throw new StartupException("127.0.0.1:" + port + " (the local chain's port) is taken: an anvil left "
                        + "over from an earlier run? Stop it, or set ORE_LOCAL_CHAIN_RPC_URL to use it.");
            }
            startAnvil(resources);
            origin = "embedded anvil";
        }
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            awaitNode(http, rpc);
            long chainId = Long.decode(call(http, rpc, "eth_chainId", "[]"));
            String token = deployToken(http, rpc);
            return new Endpoints.Chain(rpc, chainId, token, TREASURY_KEY, origin);
        }
    }

    private void startAnvil(Resources resources) throws StartupException, InterruptedException {
        Path anvil = home.resolve("tools/chain/node_modules/.bin/anvil");
        if (!Files.isExecutable(anvil)) {
            console.say("anvil is not installed: npm ci --prefix tools/chain --ignore-scripts");
            run(List.of("npm", "ci", "--prefix", "tools/chain", "--ignore-scripts", "--no-audit", "--no-fund"),
                    "install the pinned chain tools (Node.js with npm is needed)");
            if (!Files.isExecutable(anvil)) {
                throw new StartupException("npm installed tools/chain but " + anvil + " is still missing");
            }
        }
        try {
            Files.createDirectories(stateDir);
            Process process = new ProcessBuilder(anvil.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port),
                    "--chain-id", Long.toString(CHAIN_ID), "--block-time", "1", "--slots-in-an-epoch", "1")
                    .redirectErrorStream(true)
                    .redirectOutput(stateDir.resolve("anvil-" + port + ".log").toFile())
                    .start();
            resources.add("anvil", () -> {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            });
        } catch (IOException e) {
            throw new StartupException("anvil did not start: " + e.getMessage(), e);
        }
    }

    /** Runs a short command to completion; its output goes to a file (no pipe to drain). */
    private void run(List<String> command, String what) throws StartupException, InterruptedException {
        try {
            Files.createDirectories(stateDir);
            Path log = stateDir.resolve("npm-install.log");
            Process process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new StartupException("could not " + what + "; see " + log);
            }
        } catch (IOException e) {
            throw new StartupException("could not " + what + ": " + e.getMessage(), e);
        }
    }

    private static void awaitNode(HttpClient http, String rpc) throws StartupException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                call(http, rpc, "eth_blockNumber", "[]");
                return;
            } catch (StartupException e) {
                if (System.nanoTime() > deadline) {
                    throw new StartupException("the chain node at " + rpc + " did not answer within 30 s: " + e.getMessage());
                }
                Thread.sleep(200);
            }
        }
    }

    /** Deploys OreToken(initialSupply) from the treasury account and waits for its receipt. */
    private String deployToken(HttpClient http, String rpc) throws StartupException, InterruptedException {
        String bytecode;
        try {
            bytecode = Files.readString(home.resolve("chain-gateway/src/main/resources/contracts/OreToken.bin")).trim();
        } catch (IOException e) {
            throw new StartupException("the token's bytecode is missing: " + e.getMessage(), e);
        }
        String data = (bytecode.startsWith("0x") ? bytecode : "0x" + bytecode)
                + String.format("%64s", INITIAL_SUPPLY.toString(16)).replace(' ', '0');
        String hash = call(http, rpc, "eth_sendTransaction",
                "[{\"from\":\"" + TREASURY + "\",\"data\":\"" + data + "\",\"gas\":\"0x2dc6c0\"}]");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String receipt = raw(http, rpc, "eth_getTransactionReceipt", "[\"" + hash + "\"]");
            Matcher address = CONTRACT.matcher(receipt);
            if (address.find()) {
                Matcher status = STATUS.matcher(receipt);
                if (status.find() && status.group(1).equals("0x0")) {
                    throw new StartupException("the token deployment " + hash + " reverted");
                }
                return address.group(1);
            }
            Thread.sleep(250);
        }
        throw new StartupException("the token deployment " + hash + " was not mined within 30 s");
    }

    private static String call(HttpClient http, String rpc, String method, String params) throws StartupException, InterruptedException {
        String body = raw(http, rpc, method, params);
        Matcher m = RESULT.matcher(body);
        if (!m.find() || m.group(2) == null) {
            throw new StartupException(method + " on " + rpc + " answered " + body);
        }
        return m.group(2);
    }

    private static String raw(HttpClient http, String rpc, String method, String params) throws StartupException, InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(rpc)).timeout(RPC_TIMEOUT)
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method
                            + "\",\"params\":" + params + "}", StandardCharsets.UTF_8))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            throw new StartupException(method + " on " + rpc + " failed: " + e.getMessage(), e);
        }
    }
}
