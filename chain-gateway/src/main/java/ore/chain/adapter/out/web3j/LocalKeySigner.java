package ore.chain.adapter.out.web3j;

import java.util.Locale;
import ore.chain.app.port.TxSigner;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/**
 * {@link TxSigner} with a private key held in memory: for local runs and tests only. Production signs
 * with {@code KmsTxSigner}, where the key never leaves the HSM.
 */
public final class LocalKeySigner implements TxSigner {

    private final Credentials credentials;

    public LocalKeySigner(String privateKeyHex) {
        if (privateKeyHex == null || !Numeric.cleanHexPrefix(privateKeyHex.trim()).matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("the signer's private key must be 32 bytes of hex");
        }
        this.credentials = Credentials.create(privateKeyHex.trim());
    }

    @Override
    public String address() {
        return credentials.getAddress().toLowerCase(Locale.ROOT);
    }

    @Override
    public SignedTx sign(UnsignedTx tx) {
        byte[] signed = TransactionEncoder.signMessage(Eip1559.raw(tx), credentials);
        return new SignedTx(Numeric.toHexString(signed), Numeric.toHexString(Hash.sha3(signed)));
    }

    @Override
    public String toString() {
        return "LocalKeySigner[" + address() + "]";   // never the key
    }

    /** The web3j form of an unsigned EIP-1559 transaction, shared with the KMS signer. */
    public static final class Eip1559 {
        private Eip1559() {
        }

        public static RawTransaction raw(UnsignedTx tx) {
            return RawTransaction.createTransaction(tx.chainId(), java.math.BigInteger.valueOf(tx.nonce()), tx.gasLimit(),
                    tx.to(), java.math.BigInteger.ZERO, tx.data(), tx.maxPriorityFeePerGas(), tx.maxFeePerGas());
        }
    }
}
