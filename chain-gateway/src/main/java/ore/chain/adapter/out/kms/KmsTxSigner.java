package ore.chain.adapter.out.kms;

import java.math.BigInteger;
import java.util.Locale;
import ore.chain.adapter.out.web3j.LocalKeySigner;
import ore.chain.app.port.TxSigner;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.Sign;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * {@link TxSigner} backed by an AWS KMS asymmetric key of spec {@code ECC_SECG_P256K1}: the treasury
 * key never leaves the HSM. The transaction's keccak-256 digest is sent with {@code MessageType.DIGEST}
 * (KMS must not hash it again); the DER signature is converted by {@link DerSignatures}. The address
 * is derived once from {@code GetPublicKey}. The client's own timeouts and retries apply (configured
 * in {@code ore.chain.config}).
 */
public final class KmsTxSigner implements TxSigner {

    private final KmsClient kms;
    private final String keyId;
    private final BigInteger publicKey;
    private final String address;

    public KmsTxSigner(KmsClient kms, String keyId) {
        this.kms = kms;
        this.keyId = keyId;
        byte[] spki = kms.getPublicKey(r -> r.keyId(keyId)).publicKey().asByteArray();
        this.publicKey = DerSignatures.publicKeyFromSpki(spki);
        this.address = ("0x" + Keys.getAddress(publicKey)).toLowerCase(Locale.ROOT);
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public SignedTx sign(UnsignedTx tx) {
        RawTransaction raw = LocalKeySigner.Eip1559.raw(tx);
        byte[] digest = Hash.sha3(TransactionEncoder.encode(raw));
        byte[] der = kms.sign(r -> r.keyId(keyId).message(SdkBytes.fromByteArray(digest))
                .messageType(MessageType.DIGEST).signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)).signature().asByteArray();
        Sign.SignatureData signature = DerSignatures.toSignatureData(der, digest, publicKey);
        byte[] signed = TransactionEncoder.encode(raw, signature);
        return new SignedTx(Numeric.toHexString(signed), Numeric.toHexString(Hash.sha3(signed)));
    }
}
