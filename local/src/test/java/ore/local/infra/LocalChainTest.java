package ore.local.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import ore.local.Console;
import ore.local.Resources;
import org.junit.jupiter.api.Test;

/**
 * The launcher's chain: a real anvil from tools/chain, the ORE token deployed from the treasury
 * account, which holds the whole supply; anvil stops with the resources.
 */
class LocalChainTest {

    static final Path ROOT = Path.of(System.getProperty("ore.repo.root", "..")).toAbsolutePath().normalize();

    @Test
    void startsAnvilDeploysTheTokenAndFundsTheTreasury() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Console console = new Console(new PrintStream(new ByteArrayOutputStream()));
        Resources resources = new Resources(console);
        Path state = Files.createTempDirectory("ore-local-chain-");
        try {
            Endpoints.Chain chain = new LocalChain(new LocalEnv(Map.of()), ROOT, state, console, port).start(resources);

            assertThat(chain.rpcUrl()).isEqualTo("http://127.0.0.1:" + port);
            assertThat(chain.chainId()).isEqualTo(LocalChain.CHAIN_ID);
            assertThat(chain.tokenAddress()).matches("0x[0-9a-fA-F]{40}");
            String balanceOf = "0x70a08231" + "0".repeat(24) + LocalChain.TREASURY.substring(2).toLowerCase();
            String result = rpc(chain.rpcUrl(), "eth_call", "[{\"to\":\"" + chain.tokenAddress() + "\",\"data\":\""
                    + balanceOf + "\"},\"latest\"]");
            var m = Pattern.compile("\"result\":\"0x([0-9a-f]+)\"").matcher(result);
            assertThat(m.find()).as(result).isTrue();
            assertThat(new BigInteger(m.group(1), 16)).isEqualTo(LocalChain.INITIAL_SUPPLY);
        } finally {
            resources.closeAll();
        }
        assertThat(Probe.answers("127.0.0.1", port)).as("anvil stopped").isFalse();
    }

    @Test
    void aNonsenseNodeAddressIsRefusedWithTheSettingNamed() {
        Console console = new Console(new PrintStream(new ByteArrayOutputStream()));
        for (String bad : new String[] {"not a url", "ftp://127.0.0.1:8545", "127.0.0.1:8545"}) {
            var chain = new LocalChain(new LocalEnv(Map.of("ORE_LOCAL_CHAIN_RPC_URL", bad)), ROOT, ROOT, console, 1);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> chain.start(new Resources(console)))
                    .isInstanceOf(ore.local.StartupException.class)
                    .hasMessageContaining("ORE_LOCAL_CHAIN_RPC_URL").hasMessageContaining(bad);
        }
    }

    static String rpc(String url, String method, String params) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method
                            + "\",\"params\":" + params + "}")).build(), HttpResponse.BodyHandlers.ofString()).body();
        }
    }
}
