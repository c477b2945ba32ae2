package ore.chain.e2e;

import static ore.chain.adapter.out.jooq.generated.Tables.CURSOR;
import static ore.chain.adapter.out.jooq.generated.Tables.TRANSFER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import ore.chain.adapter.out.web3j.OreTokenBinding;
import ore.chain.testing.AnvilNode;
import ore.chain.testing.ChainFixture;
import ore.chain.testing.GatewayHarness;
import ore.chain.testing.KafkaTopics;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The indexer against real reorgs ({@code anvil_reorg}): transfers in the replaced blocks are
 * retracted (status removed, an event each), the new branch is indexed, and everything moves on to
 * confirmed and finalized afterwards; a restart continues from the cursor without repeating events.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndexerReorgTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    AnvilNode anvil;
    ChainFixture chain;
    String token;
    final OreTokenBinding codec = new OreTokenBinding();

    @BeforeAll
    void startChain() {
        anvil = AnvilNode.start();
        chain = new ChainFixture(anvil);
        token = chain.deployToken(AnvilNode.KEY_0);
    }

    @AfterAll
    void stopChain() {
        anvil.close();
    }

    private static String status(DSLContext db, String to) {
        return db.select(TRANSFER.STATUS).from(TRANSFER).where(TRANSFER.TO_ADDRESS.eq(to)).fetch(TRANSFER.STATUS).toString();
    }

    private static List<String> eventStatuses(GatewayHarness gw, String to) {
        return KafkaTopics.readAll(gw.chainEventsTopic()).stream()
                .filter(e -> e.payload().get("to").asText().equals(to))
                .map(e -> e.payload().get("status").asText()).toList();
    }

    @Test
    void aReorgRetractsTheReplacedTransfersAndIndexesTheNewBranch() {
        try (GatewayHarness gw = new GatewayHarness(anvil.url(), token, Map.of(
                "ore.chain.payouts.enabled", false, "ore.chain.indexer.confirm-depth", 5))) {
            gw.start();
            DSLContext db = gw.bean(DSLContext.class);
            String a = ChainFixture.randomWallet();
            String b = ChainFixture.randomWallet();
            String c = ChainFixture.randomWallet();
            chain.awaitReceipt(chain.transfer(token, AnvilNode.KEY_0, a, BigInteger.valueOf(11)));
            chain.awaitReceipt(chain.transfer(token, AnvilNode.KEY_0, b, BigInteger.valueOf(22)));
            await().atMost(WAIT).until(() -> status(db, a).equals("[pending]") && status(db, b).equals("[pending]"));
            long headBefore = anvil.blockNumber();

            // Replace the last two blocks (a's and b's) with a branch that pays c instead.
            anvil.rpc("anvil_reorg", 2, List.of(List.of(Map.of("from", AnvilNode.ADDRESS_0, "to", token,
                    "data", codec.encodeTransfer(c, BigInteger.valueOf(33))), 0)));
            assertThat(anvil.blockNumber()).isEqualTo(headBefore);

            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(status(db, a)).isEqualTo("[removed]");
                assertThat(status(db, b)).isEqualTo("[removed]");
                assertThat(status(db, c)).isEqualTo("[pending]");
            });
            // The cursor is on the new branch.
            var cursor = db.selectFrom(CURSOR).fetchSingle();
            String canonical = anvil.rpc("eth_getBlockByNumber", "0x" + Long.toHexString(cursor.getBlockNumber()), false)
                    .get("hash").asText();
            assertThat(cursor.getBlockHash()).isEqualTo(canonical);

            // Blocks pile up: c becomes confirmed, then final (anvil finalizes 64 blocks below the head).
            anvil.mine(6);
            await().atMost(WAIT).until(() -> status(db, c).equals("[confirmed]"));
            anvil.mine(70);
            await().atMost(WAIT).until(() -> status(db, c).equals("[finalized]"));

            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(eventStatuses(gw, a)).containsExactly("pending", "removed");
                assertThat(eventStatuses(gw, b)).containsExactly("pending", "removed");
                assertThat(eventStatuses(gw, c)).containsExactly("pending", "confirmed", "finalized");
            });

            // A restart continues from the cursor: nothing is announced twice.
            gw.stop();
            String d = ChainFixture.randomWallet();
            chain.awaitReceipt(chain.transfer(token, AnvilNode.KEY_0, d, BigInteger.valueOf(44)));
            gw.start();
            DSLContext db2 = gw.bean(DSLContext.class);
            await().atMost(WAIT).until(() -> status(db2, d).equals("[pending]"));
            await().atMost(WAIT).untilAsserted(() -> assertThat(eventStatuses(gw, d)).containsExactly("pending"));
            assertThat(eventStatuses(gw, c)).containsExactly("pending", "confirmed", "finalized");
        }
    }

    @Test
    void aBackfillStoresFinalTransfersDirectlyAsFinalized() {
        String[] wallets = new String[5];
        for (int i = 0; i < wallets.length; i++) {
            wallets[i] = ChainFixture.randomWallet();
            chain.awaitReceipt(chain.transfer(token, AnvilNode.KEY_0, wallets[i], BigInteger.valueOf(i + 1)));
        }
        anvil.mine(100);
        try (GatewayHarness gw = new GatewayHarness(anvil.url(), token, Map.of(
                "ore.chain.payouts.enabled", false, "ore.chain.indexer.max-blocks-per-tick", 7,
                "ore.chain.indexer.initial-span", 2))) {
            gw.start();
            DSLContext db = gw.bean(DSLContext.class);
            await().atMost(WAIT).untilAsserted(() -> {
                for (String w : wallets) {
                    assertThat(status(db, w)).isEqualTo("[finalized]");
                }
            });
            for (String w : wallets) {
                assertThat(eventStatuses(gw, w)).containsExactly("finalized");
            }
        }
    }
}
