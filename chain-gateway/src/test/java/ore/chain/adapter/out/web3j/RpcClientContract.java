package ore.chain.adapter.out.web3j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import ore.chain.app.port.RpcClient;
import ore.chain.app.port.TxSigner;
import ore.chain.domain.index.BlockHeader;
import ore.chain.domain.index.TokenTransfer;
import ore.chain.testing.AnvilNode;
import ore.chain.testing.ChainFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The one contract every {@link RpcClient} passes, run against a real anvil node. Subclasses say how
 * the client reaches the node (directly, or through a dead primary and a fallback).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RpcClientContract {

    private static final BigInteger GWEI = BigInteger.TEN.pow(9);

    protected AnvilNode anvil;
    protected RpcClient client;
    protected ChainFixture chain;
    protected String token;
    private final OreTokenBinding codec = new OreTokenBinding();

    /** The client under test, reaching {@code anvil}. */
    protected abstract RpcClient newClient(AnvilNode anvil);

    protected void closeClient() {
    }

    @BeforeAll
    void startChain() {
        anvil = AnvilNode.start();
        chain = new ChainFixture(anvil);
        token = chain.deployToken(AnvilNode.KEY_0);
        client = newClient(anvil);
    }

    @AfterAll
    void stopChain() {
        closeClient();
        if (anvil != null) {
            anvil.close();
        }
    }

    @Test
    void reportsTheChainIdAndHead() {
        assertThat(client.chainId()).isEqualTo(AnvilNode.CHAIN_ID);
        long before = client.blockNumber();
        anvil.mine(3);
        assertThat(client.blockNumber()).isEqualTo(before + 3);
    }

    @Test
    void blocksLinkByParentHashAndUnknownBlocksAreEmpty() {
        anvil.mine(2);
        long head = client.blockNumber();
        BlockHeader top = client.block(head).orElseThrow();
        BlockHeader below = client.block(head - 1).orElseThrow();
        assertThat(top.number()).isEqualTo(head);
        assertThat(top.parentHash()).isEqualTo(below.hash());
        assertThat(top.hash()).matches("0x[0-9a-f]{64}");
        assertThat(client.block(head + 1000)).isEmpty();
        assertThat(client.block("latest").orElseThrow().number()).isGreaterThanOrEqualTo(head);
    }

    @Test
    void finalizedTagTrailsTheHead() {
        anvil.mine(70);
        long head = client.blockNumber();
        long finalized = client.block("finalized").orElseThrow().number();
        assertThat(finalized).isLessThan(head).isGreaterThan(0);
    }

    @Test
    void logsOfTheTokenAreReturnedInOrder() {
        long from = client.blockNumber() + 1;
        String a = ChainFixture.randomWallet();
        String b = ChainFixture.randomWallet();
        chain.awaitReceipt(chain.transfer(token, AnvilNode.KEY_0, a, BigInteger.valueOf(5)));
        chain.awaitReceipt(chain.transfer(token, AnvilNode.KEY_0, b, BigInteger.valueOf(7)));
        long to = client.blockNumber();
        List<RpcClient.LogEntry> logs = client.logs(from, to, token, codec.transferTopic());
        List<TokenTransfer> transfers = logs.stream().map(codec::decodeTransfer).flatMap(Optional::stream).toList();
        assertThat(transfers).extracting(TokenTransfer::to, TokenTransfer::amount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(a, BigInteger.valueOf(5)),
                        org.assertj.core.groups.Tuple.tuple(b, BigInteger.valueOf(7)));
        assertThat(transfers).allSatisfy(t -> assertThat(t.from()).isEqualTo(AnvilNode.ADDRESS_0));
        assertThat(logs.getFirst().blockHash()).isEqualTo(client.block(logs.getFirst().blockNumber()).orElseThrow().hash());
        assertThat(client.logs(from, to, ChainFixture.randomWallet(), codec.transferTopic())).isEmpty();
    }

    @Test
    void feeHistoryHasTheNextBaseFee() {
        anvil.mine(5);
        RpcClient.FeeHistory h = client.feeHistory(4);
        assertThat(h.baseFees()).hasSize(5);
        assertThat(h.nextBaseFee().signum()).isPositive();
        assertThat(h.tips()).hasSize(4);
    }

    @Test
    void readsNonceBalanceAndCalls() {
        assertThat(client.transactionCount(AnvilNode.ADDRESS_0, "latest")).as("nonce of the deployer")
                .isEqualTo(anvil.nonce(AnvilNode.ADDRESS_0, "latest")).isPositive();
        assertThat(client.balance(AnvilNode.ADDRESS_1)).as("ether of dev account 1").isPositive();
        String balance = client.call(token, codec.encodeBalanceOf(AnvilNode.ADDRESS_0));
        assertThat(codec.decodeUint256(balance)).isEqualTo(chain.balanceOf(token, AnvilNode.ADDRESS_0));
    }

    @Test
    void sendingIsSafeToRepeatAndNodeVerdictsAreClassified() {
        TxSigner signer = new LocalKeySigner(AnvilNode.KEY_1);
        chain.awaitReceipt(chain.transfer(token, AnvilNode.KEY_0, AnvilNode.ADDRESS_1, BigInteger.TEN));
        anvil.setAutomine(false);
        try {
            long nonce = client.transactionCount(signer.address(), "pending");
            TxSigner.SignedTx first = signer.sign(tx(nonce, GWEI.multiply(BigInteger.valueOf(50)), GWEI.multiply(BigInteger.valueOf(2))));
            RpcClient.SendOutcome accepted = client.sendRawTransaction(first.rawTx());
            assertThat(accepted.kind()).isEqualTo(RpcClient.SendOutcome.Kind.ACCEPTED);
            assertThat(accepted.txHash()).isEqualTo(first.txHash());
            assertThat(client.sendRawTransaction(first.rawTx()).kind()).isEqualTo(RpcClient.SendOutcome.Kind.ALREADY_KNOWN);

            TxSigner.SignedTx cheaper = signer.sign(tx(nonce, GWEI.multiply(BigInteger.valueOf(50)), GWEI.multiply(BigInteger.valueOf(2)).add(BigInteger.ONE)));
            assertThat(client.sendRawTransaction(cheaper.rawTx()).kind())
                    .isEqualTo(RpcClient.SendOutcome.Kind.REPLACEMENT_UNDERPRICED);
            assertThat(client.receipt(first.txHash())).isEmpty();

            anvil.mine(1);
            RpcClient.Receipt receipt = client.receipt(first.txHash()).orElseThrow();
            assertThat(receipt.success()).isTrue();
            assertThat(receipt.blockHash()).isEqualTo(client.block(receipt.blockNumber()).orElseThrow().hash());
            assertThat(client.sendRawTransaction(first.rawTx()).kind()).isEqualTo(RpcClient.SendOutcome.Kind.NONCE_TOO_LOW);
        } finally {
            anvil.setAutomine(true);
        }
    }

    @Test
    void unknownReceiptsAreEmptyAndBadRequestsAreRejected() {
        assertThat(client.receipt("0x" + "12".repeat(32))).isEmpty();
        assertThat(client.sendRawTransaction("0x1234").kind()).isEqualTo(RpcClient.SendOutcome.Kind.REJECTED);
        // A call that reverts is the request's fault: rejected, not an unavailable node.
        assertThatThrownBy(() -> client.call(token, "0xdeadbeef")).isInstanceOf(RpcClient.RpcRejectedException.class);
    }

    private TxSigner.UnsignedTx tx(long nonce, BigInteger maxFee, BigInteger tip) {
        return new TxSigner.UnsignedTx(AnvilNode.CHAIN_ID, nonce, token,
                codec.encodeTransfer(ChainFixture.randomWallet(), BigInteger.ONE), BigInteger.valueOf(100_000), maxFee, tip);
    }
}
