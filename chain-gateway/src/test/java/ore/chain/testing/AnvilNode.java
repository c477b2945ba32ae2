package ore.chain.testing;

import java.io.File;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real local chain for tests: Foundry's {@code anvil} from the npm package {@code @foundry-rs/anvil}
 * (pinned in {@code tools/chain/package-lock.json}; install with {@code npm ci --prefix tools/chain}),
 * started on a free loopback port, stopped on {@link #close()}.
 *
 * <p>Where the binary comes from, first match wins: {@code ORE_TEST_ANVIL} (a path), the platform
 * package under {@code tools/chain/node_modules} of this repository, {@code anvil} on the PATH. If
 * none exists the constructor throws with the install command: tests never skip, with or without
 * {@code CI=true}.
 *
 * <p>Chain id 31337; the ten dev accounts of anvil's default mnemonic are funded and unlocked.
 */
public final class AnvilNode implements AutoCloseable {

    /** Dev account 0: the treasury in tests. */
    public static final String KEY_0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    public static final String ADDRESS_0 = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
    /** Dev account 1. */
    public static final String KEY_1 = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    public static final String ADDRESS_1 = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    public static final long CHAIN_ID = 31337;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile String announced;

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicLong ids = new AtomicLong();

    private AnvilNode(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts anvil with automine on and the given extra arguments (e.g. {@code --block-time 1}). */
    public static AnvilNode start(String... extraArgs) {
        Path binary = locate();
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(binary.toString(), "--host", "127.0.0.1", "--port",
                    Integer.toString(port), "--silent", "--chain-id", Long.toString(CHAIN_ID)));
            command.addAll(List.of(extraArgs));
            try {
                Path log = Files.createTempFile("anvil-" + port + "-", ".log");
                log.toFile().deleteOnExit();
                // Output to a file: a pipe nobody drains would block the node.
                Process p = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
                AnvilNode node = new AnvilNode(p, port);
                if (node.awaitReady(Duration.ofSeconds(15))) {
                    return node;
                }
                p.destroyForcibly();
                last = new IOException("anvil did not answer on port " + port + ": " + Files.readString(log));
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IllegalStateException("cannot start anvil (" + binary + ")", last);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** A JSON-RPC call; throws on a JSON-RPC error. */
    public JsonNode rpc(String method, Object... params) {
        JsonNode answer = rpcRaw(method, params);
        if (answer.has("error")) {
            throw new IllegalStateException(method + " failed: " + answer.get("error"));
        }
        return answer.get("result");
    }

    /** The whole JSON-RPC answer, error included. */
    public JsonNode rpcRaw(String method, Object... params) {
        try {
            String body = JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", ids.incrementAndGet(), "method", method,
                    "params", List.of(params)));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url())).timeout(Duration.ofSeconds(30))
                    .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public long blockNumber() {
        return Long.decode(rpc("eth_blockNumber").asText());
    }

    public void mine(int blocks) {
        rpc("anvil_mine", "0x" + Integer.toHexString(blocks));
    }

    public void setAutomine(boolean on) {
        rpc("evm_setAutomine", on);
    }

    public long nonce(String address, String tag) {
        return Long.decode(rpc("eth_getTransactionCount", address, tag).asText());
    }

    private boolean awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            try {
                JsonNode r = rpcRaw("eth_chainId");
                if (r.has("result")) {
                    return true;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    static Path locate() {
        List<String> tried = new ArrayList<>();
        String explicit = System.getenv("ORE_TEST_ANVIL");
        if (explicit != null && !explicit.isBlank()) {
            Path p = Path.of(explicit.trim());
            if (Files.isExecutable(p)) {
                return announce(p, "ORE_TEST_ANVIL");
            }
            throw new IllegalStateException("ORE_TEST_ANVIL=" + explicit + " is not an executable file");
        }
        String pkg = platformPackage();
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("tools/chain/node_modules/@foundry-rs").resolve(pkg).resolve("bin/anvil");
            tried.add(candidate.toString());
            if (Files.isExecutable(candidate)) {
                return announce(candidate, "npm package " + pkg);
            }
        }
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(entry, "anvil");
            if (Files.isExecutable(candidate)) {
                return announce(candidate, "PATH");
            }
        }
        tried.add("anvil on the PATH");
        throw new IllegalStateException("anvil not found (tried " + String.join(", ", tried)
                + "). Install the pinned node with: npm ci --prefix tools/chain");
    }

    private static Path announce(Path p, String source) {
        if (announced == null) {
            announced = p.toString();
            System.err.println("ore-testkit: anvil from " + source + " (" + p + ")");
        }
        return p;
    }

    private static String platformPackage() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String o = os.contains("mac") ? "darwin" : os.contains("win") ? "win32" : "linux";
        String a = arch.contains("aarch64") || arch.contains("arm64") ? "arm64" : "amd64";
        return "anvil-" + o + "-" + a;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
