package ore.chain.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Locale;
import ore.chain.adapter.out.web3j.LocalKeySigner;
import ore.chain.adapter.out.web3j.OreTokenBinding;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/** Chain-side helpers for tests: deploy the ORE token, transfer it, read balances. */
public final class ChainFixture {

    public static final BigInteger SUPPLY = new BigInteger("1000000000000000000000000000");   // 1e9 ORE
    private static final BigInteger GWEI = BigInteger.TEN.pow(9);

    private final AnvilNode anvil;
    private final OreTokenBinding token = new OreTokenBinding();

    public ChainFixture(AnvilNode anvil) {
        this.anvil = anvil;
    }

    /** Deploys the token from {@code key} (which receives the whole supply); returns its address. */
    public String deployToken(String key) {
        Credentials c = Credentials.create(key);
        long nonce = anvil.nonce(c.getAddress(), "pending");
        RawTransaction raw = RawTransaction.createTransaction(AnvilNode.CHAIN_ID, BigInteger.valueOf(nonce),
                BigInteger.valueOf(3_000_000), "", BigInteger.ZERO, OreTokenBinding.deployData(SUPPLY), GWEI.multiply(BigInteger.TWO),
                GWEI.multiply(BigInteger.valueOf(100)));
        String hash = send(raw, c);
        JsonNode receipt = awaitReceipt(hash);
        return receipt.get("contractAddress").asText().toLowerCase(Locale.ROOT);
    }

    /** Sends {@code transfer(to, amount)} from {@code key}; returns the tx hash (not waiting for a receipt). */
    public String transfer(String tokenAddress, String key, String to, BigInteger amount) {
        Credentials c = Credentials.create(key);
        long nonce = anvil.nonce(c.getAddress(), "pending");
        RawTransaction raw = RawTransaction.createTransaction(AnvilNode.CHAIN_ID, BigInteger.valueOf(nonce),
                BigInteger.valueOf(100_000), tokenAddress, BigInteger.ZERO, token.encodeTransfer(to, amount),
                GWEI.multiply(BigInteger.TWO), GWEI.multiply(BigInteger.valueOf(100)));
        return send(raw, c);
    }

    public BigInteger balanceOf(String tokenAddress, String owner) {
        String data = token.encodeBalanceOf(owner);
        JsonNode r = anvil.rpc("eth_call", java.util.Map.of("to", tokenAddress, "data", data), "latest");
        return token.decodeUint256(r.asText());
    }

    public JsonNode awaitReceipt(String hash) {
        JsonNode[] holder = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            JsonNode r = anvil.rpc("eth_getTransactionReceipt", hash);
            holder[0] = r;
            return r != null && !r.isNull();
        });
        return holder[0];
    }

    private String send(RawTransaction raw, Credentials c) {
        byte[] signed = TransactionEncoder.signMessage(raw, c);
        String hex = Numeric.toHexString(signed);
        anvil.rpc("eth_sendRawTransaction", hex);
        return Numeric.toHexString(Hash.sha3(signed));
    }

    /** A fresh random wallet address (lower case). */
    public static String randomWallet() {
        byte[] b = new byte[20];
        new java.security.SecureRandom().nextBytes(b);
        return Numeric.toHexString(b).toLowerCase(Locale.ROOT);
    }

    /** Only to keep LocalKeySigner referenced from test code that builds payouts by hand. */
    public static LocalKeySigner treasurySigner() {
        return new LocalKeySigner(AnvilNode.KEY_0);
    }
}
