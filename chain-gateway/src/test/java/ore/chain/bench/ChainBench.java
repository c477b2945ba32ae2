package ore.chain.bench;

import static ore.chain.adapter.out.jooq.generated.Tables.CURSOR;
import static ore.chain.adapter.out.jooq.generated.Tables.PAYOUT;
import static ore.chain.adapter.out.jooq.generated.Tables.TRANSFER;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ore.chain.adapter.out.web3j.OreTokenBinding;
import ore.chain.testing.AnvilNode;
import ore.chain.testing.ChainFixture;
import ore.chain.testing.GatewayHarness;
import ore.chain.testing.KafkaTopics;
import org.HdrHistogram.Histogram;
import org.jooq.DSLContext;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/**
 * chain-gateway benchmarks on a real anvil node, PostgreSQL and the in-process Kafka broker (the
 * whole service in this JVM, as {@code GatewayHarness} runs it in the tests):
 *
 * <ol>
 *   <li><b>Indexer backfill</b>: a chain of {@code blocks} blocks of which {@code logBlocks} each hold
 *   one {@code batchTransfer} with {@code perBlock} Transfer logs; the indexer starts from block 0 on a
 *   fresh database, and we time it to the head. Run twice: with the finalized tag (final ranges: logs
 *   only, one header per range) and with finality by depth set beyond the chain (every block's header
 *   fetched and parent-hash checked, as at the head).</li>
 *   <li><b>Payouts</b>: {@code payouts} RewardRequested events at once; timed until every transfer is
 *   mined (anvil automines each transaction), then the nonces are checked for gaps and duplicates.</li>
 * </ol>
 *
 * Usage: {@code chain-gateway/run-bench.sh [blocks=3000] [logBlocks=300] [perBlock=100] [payouts=500]}
 */
public final class ChainBench {

    public static void main(String[] args) throws Exception {
        int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int logBlocks = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int perBlock = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int payouts = args.length > 3 ? Integer.parseInt(args[3]) : 500;
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        if (logBlocks > 0) {
            try (AnvilNode anvil = AnvilNode.start("--gas-limit", "100000000")) {
                ChainFixture chain = new ChainFixture(anvil);
                String token = chain.deployToken(AnvilNode.KEY_0);
                long built = System.nanoTime();
                long logs = buildChain(anvil, chain, token, blocks, logBlocks, perBlock);
                System.out.printf("chain: %d blocks, %d Transfer logs in %d blocks (built in %.1f s)%n", anvil.blockNumber(),
                        logs, logBlocks, (System.nanoTime() - built) / 1e9);
                backfill(anvil, token, "warm-up (not a figure)", Map.of());
                backfill(anvil, token, "finalized tag (final ranges)", Map.of());
                backfill(anvil, token, "depth finality beyond the chain (every header checked)",
                        Map.of("ore.chain.finality-use-tag", false, "ore.chain.finality-depth", 10_000_000));
            }
        }
        if (payouts > 0) {
            // A block every second holding many transactions, as on a real chain (automine would cost
            // one anvil block per payout and measure anvil instead of the gateway).
            try (AnvilNode anvil = AnvilNode.start("--gas-limit", "100000000", "--block-time", "1")) {
                String token = new ChainFixture(anvil).deployToken(AnvilNode.KEY_0);
                payouts(anvil, token, payouts);
            }
        }
        Runtime.getRuntime().halt(0);   // the in-process broker's shutdown hooks only add noise here
    }

    private static long buildChain(AnvilNode anvil, ChainFixture chain, String token, int blocks, int logBlocks,
                                   int perBlock) {
        OreTokenBinding codec = new OreTokenBinding();
        Credentials treasury = Credentials.create(AnvilNode.KEY_0);
        long nonce = anvil.nonce(treasury.getAddress(), "pending");
        int spacing = Math.max(1, blocks / Math.max(1, logBlocks));
        long logs = 0;
        String last = null;
        for (int i = 0; i < logBlocks; i++) {
            List<String> to = new ArrayList<>();
            List<BigInteger> amounts = new ArrayList<>();
            for (int j = 0; j < perBlock; j++) {
                to.add(ChainFixture.randomWallet());
                amounts.add(BigInteger.valueOf(j + 1));
            }
            RawTransaction raw = RawTransaction.createTransaction(AnvilNode.CHAIN_ID, BigInteger.valueOf(nonce++),
                    BigInteger.valueOf(40_000L * perBlock + 100_000), token, BigInteger.ZERO,
                    codec.encodeBatchTransfer(to, amounts), BigInteger.TEN.pow(9), BigInteger.TEN.pow(11));
            last = Numeric.toHexString(TransactionEncoder.signMessage(raw, treasury));
            anvil.rpc("eth_sendRawTransaction", last);
            logs += perBlock;
            if (spacing > 1) {
                anvil.mine(spacing - 1);
            }
        }
        long remaining = blocks - anvil.blockNumber();
        if (remaining > 0) {
            anvil.mine((int) remaining);
        }
        anvil.mine(100);   // everything above is final (anvil finalizes 64 below the head)
        return logs;
    }

    private static void backfill(AnvilNode anvil, String token, String label, Map<String, Object> extra) throws Exception {
        long head = anvil.blockNumber();
        Map<String, Object> props = new java.util.HashMap<>(Map.of("ore.chain.payouts.enabled", false,
                "ore.chain.indexer.poll-interval", "50ms", "ore.chain.indexer.max-blocks-per-tick", 2000));
        props.putAll(extra);
        try (GatewayHarness gw = new GatewayHarness(anvil.url(), token, props)) {
            gw.start();
            long start = System.nanoTime();
            DSLContext db = gw.bean(DSLContext.class);
            while (true) {
                Long at = db.select(CURSOR.BLOCK_NUMBER).from(CURSOR).fetchOne(CURSOR.BLOCK_NUMBER);
                if (at != null && at >= head) {
                    break;
                }
                Thread.sleep(20);
            }
            double s = (System.nanoTime() - start) / 1e9;
            int rows = db.fetchCount(TRANSFER);
            System.out.printf("indexer backfill, %s: %d blocks, %d transfers in %.2f s = "
                    + "%.0f blocks/s, %.0f logs/s%n", label, head + 1, rows, s, (head + 1) / s, rows / s);
        }
    }

    private static void payouts(AnvilNode anvil, String token, int n) throws Exception {
        long nonceBefore = anvil.nonce(AnvilNode.ADDRESS_0, "latest");
        try (GatewayHarness gw = new GatewayHarness(anvil.url(), token, Map.of("ore.chain.indexer.enabled", false,
                "ore.chain.payouts.batch-size", 200, "ore.chain.payouts.poll-interval", "20ms"))) {
            gw.start();
            DSLContext db = gw.bean(DSLContext.class);
            Thread.sleep(1000);   // consumer assignment
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                KafkaTopics.publishRewardRequested(gw.requestedTopic(), UUID.randomUUID(), UUID.randomUUID(),
                        ChainFixture.randomWallet(), "1000");
            }
            double published = (System.nanoTime() - start) / 1e9;
            while (db.fetchCount(PAYOUT, PAYOUT.STATUS.in("mined", "paid")) < n) {
                Thread.sleep(20);
            }
            double s = (System.nanoTime() - start) / 1e9;
            Histogram latency = new Histogram(3_600_000L, 3);
            for (var r : db.select(PAYOUT.CREATED_AT, PAYOUT.UPDATED_AT).from(PAYOUT).fetch()) {
                latency.recordValue(Math.max(0, Duration.between(r.value1(), r.value2()).toMillis()));
            }
            List<Long> nonces = db.select(PAYOUT.NONCE).from(PAYOUT).orderBy(PAYOUT.NONCE).fetch(PAYOUT.NONCE);
            boolean gapFree = true;
            for (int i = 0; i < nonces.size(); i++) {
                gapFree &= nonces.get(i) == nonceBefore + i;
            }
            long chainNonce = anvil.nonce(AnvilNode.ADDRESS_0, "latest");
            System.out.printf("payouts: %d rewards (published in %.2f s) mined in %.2f s = %.1f payouts/s; "
                            + "accepted->mined p50 %d ms, p99 %d ms, max %d ms; nonces %d..%d gap-free=%s, chain nonce +%d%n",
                    n, published, s, n / s, latency.getValueAtPercentile(50), latency.getValueAtPercentile(99),
                    latency.getMaxValue(), nonces.getFirst(), nonces.getLast(), gapFree, chainNonce - nonceBefore);
        }
    }
}
