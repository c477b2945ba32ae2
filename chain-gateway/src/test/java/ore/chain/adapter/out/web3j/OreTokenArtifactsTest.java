package ore.chain.adapter.out.web3j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The committed ABI and bytecode are what the pinned solc-js makes of the committed source: runs
 * {@code node tools/chain/compile.mjs --check} (needs {@code npm ci --prefix tools/chain}; fails, never
 * skips, without it) and checks the bindings agree with the ABI.
 */
class OreTokenArtifactsTest {

    @Test
    void artefactsMatchTheSoliditySource() throws IOException, InterruptedException {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.exists(root.resolve("tools/chain/compile.mjs"))) {
            root = root.getParent();
        }
        assertThat(root).as("repository root with tools/chain/compile.mjs").isNotNull();
        assertThat(root.resolve("tools/chain/node_modules/solc")).as("solc-js installed: npm ci --prefix tools/chain")
                .exists();
        Path log = Files.createTempFile("solc-check", ".log");
        Process p = new ProcessBuilder("node", "tools/chain/compile.mjs", "--check").directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("artefacts match the source");
    }

    @Test
    void bindingsAgreeWithTheAbi() {
        String abi = OreTokenBinding.abiJson();
        assertThat(abi).contains("\"name\": \"transfer\"", "\"name\": \"balanceOf\"", "\"name\": \"batchTransfer\"",
                "\"name\": \"Transfer\"");
        OreTokenBinding b = new OreTokenBinding();
        assertThat(b.transferTopic()).isEqualTo("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");
        assertThat(b.encodeTransfer("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", java.math.BigInteger.ONE)).startsWith("0xa9059cbb");
        assertThat(b.encodeBalanceOf("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")).startsWith("0x70a08231");
        assertThat(OreTokenBinding.bytecode()).matches("0x[0-9a-f]+");
    }
}
