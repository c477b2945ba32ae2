package ore.chain.adapter.out.kms;

import java.io.IOException;
import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.Sign;

/**
 * Turns what AWS KMS returns into Ethereum form. KMS signs a 32-byte digest with ECC_SECG_P256K1 and
 * returns an ASN.1 DER {@code SEQUENCE { r INTEGER, s INTEGER }}, with no recovery id and with
 * {@code s} possibly in the upper half of the curve order. Ethereum needs {@code s <= n/2} (EIP-2)
 * and {@code v}: the recovery id is found by recovering the public key from (r, s) with each
 * candidate and keeping the one that gives the key's own public key.
 */
public final class DerSignatures {

    private DerSignatures() {
    }

    /** (r, s) from DER, with s canonicalised to the lower half of the order. */
    public static ECDSASignature fromDer(byte[] der) {
        try (ASN1InputStream in = new ASN1InputStream(der)) {
            ASN1Primitive p = in.readObject();
            if (!(p instanceof ASN1Sequence seq) || seq.size() != 2) {
                throw new IllegalArgumentException("not a DER ECDSA signature");
            }
            BigInteger r = ASN1Integer.getInstance(seq.getObjectAt(0)).getPositiveValue();
            BigInteger s = ASN1Integer.getInstance(seq.getObjectAt(1)).getPositiveValue();
            return new ECDSASignature(r, s).toCanonicalised();
        } catch (IOException | IllegalStateException e) {
            throw new IllegalArgumentException("not a DER ECDSA signature", e);
        }
    }

    /** r, s and v (27 or 28) for {@code digest}, as web3j's own signing produces them. */
    public static Sign.SignatureData toSignatureData(byte[] der, byte[] digest, BigInteger publicKey) {
        ECDSASignature sig = fromDer(der);
        for (int recId = 0; recId < 4; recId++) {
            BigInteger recovered = Sign.recoverFromSignature(recId, sig, digest);
            if (publicKey.equals(recovered)) {
                return Sign.createSignatureData(sig, publicKey, digest);
            }
        }
        throw new IllegalArgumentException("signature does not belong to the KMS key's public key");
    }

    /**
     * The 64-byte public key (x || y, no 0x04 prefix) as web3j uses it, from the DER
     * SubjectPublicKeyInfo that KMS GetPublicKey returns.
     */
    public static BigInteger publicKeyFromSpki(byte[] spki) {
        byte[] point = SubjectPublicKeyInfo.getInstance(spki).getPublicKeyData().getBytes();
        if (point.length != 65 || point[0] != 0x04) {
            throw new IllegalArgumentException("expected an uncompressed secp256k1 point");
        }
        return Sign.publicFromPoint(point);
    }
}
