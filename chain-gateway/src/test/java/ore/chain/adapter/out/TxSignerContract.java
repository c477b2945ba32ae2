package ore.chain.adapter.out;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import ore.chain.adapter.out.web3j.OreTokenBinding;
import ore.chain.app.port.TxSigner;
import ore.chain.testing.AnvilNode;
import ore.chain.testing.ChainFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract of every {@link TxSigner}: the address is the key's, and what it signs is a valid
 * EIP-1559 transaction from that address, whose hash is the one the node reports, accepted and mined
 * by a real node (anvil).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class TxSignerContract {

    private static final BigInteger GWEI = BigInteger.TEN.pow(9);

    protected AnvilNode anvil;
    protected TxSigner signer;
    private String token;

    /** The signer under test. */
    protected abstract TxSigner newSigner();

    /** The address the signer's key must have. */
    protected abstract String expectedAddress();

    @BeforeAll
    void start() {
        anvil = AnvilNode.start();
        ChainFixture chain = new ChainFixture(anvil);
        token = chain.deployToken(AnvilNode.KEY_0);
        signer = newSigner();
        anvil.rpc("anvil_setBalance", signer.address(), "0x56bc75e2d63100000");   // 100 ether for gas
        chain.awaitReceipt(chain.transfer(token, AnvilNode.KEY_0, signer.address(), BigInteger.valueOf(1000)));
    }

    @AfterAll
    void stop() {
        anvil.close();
    }

    @Test
    void theAddressIsTheKeys() {
        assertThat(signer.address()).isEqualTo(expectedAddress()).matches("0x[0-9a-f]{40}");
    }

    @Test
    void signedTransactionsAreMinedFromTheSignersAddress() {
        String to = ChainFixture.randomWallet();
        for (int i = 0; i < 3; i++) {
            long nonce = anvil.nonce(signer.address(), "pending");
            TxSigner.SignedTx signed = signer.sign(new TxSigner.UnsignedTx(AnvilNode.CHAIN_ID, nonce, token,
                    new OreTokenBinding().encodeTransfer(to, BigInteger.valueOf(7)), BigInteger.valueOf(100_000),
                    GWEI.multiply(BigInteger.valueOf(40)), GWEI.multiply(BigInteger.valueOf(2))));
            String hash = anvil.rpc("eth_sendRawTransaction", signed.rawTx()).asText();
            assertThat(hash).isEqualTo(signed.txHash());
            JsonNode tx = anvil.rpc("eth_getTransactionByHash", hash);
            assertThat(tx.get("from").asText()).isEqualTo(signer.address());
            assertThat(tx.get("type").asText()).isEqualTo("0x2");
            assertThat(Long.decode(tx.get("nonce").asText())).isEqualTo(nonce);
            JsonNode receipt = new ChainFixture(anvil).awaitReceipt(hash);
            assertThat(receipt.get("status").asText()).isEqualTo("0x1");
        }
        assertThat(new ChainFixture(anvil).balanceOf(token, to)).isEqualTo(BigInteger.valueOf(21));
    }
}
