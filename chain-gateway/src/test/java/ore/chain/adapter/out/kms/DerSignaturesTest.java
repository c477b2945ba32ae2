package ore.chain.adapter.out.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * The DER → (r, s, v) conversion the KMS signer depends on, checked against web3j's own signing with
 * the same key: KMS itself cannot be reached from tests, so its output is simulated bit-exactly (the
 * DER encoding of a signature, in both its low-s and high-s forms, which KMS may return).
 */
class DerSignaturesTest {

    static final ECKeyPair KEY = ECKeyPair.create(Numeric.toBigInt("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"));

    static byte[] der(BigInteger r, BigInteger s) throws IOException {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(new ASN1Integer(r));
        v.add(new ASN1Integer(s));
        return new DERSequence(v).getEncoded();
    }

    @Test
    void lowAndHighSFormsBothGiveWeb3jsSignature() throws IOException {
        for (int i = 0; i < 20; i++) {
            byte[] digest = Hash.sha3(("payout " + i).getBytes());
            Sign.SignatureData expected = Sign.signMessage(digest, KEY, false);
            BigInteger r = Numeric.toBigInt(expected.getR());
            BigInteger s = Numeric.toBigInt(expected.getS());
            BigInteger highS = Sign.CURVE_PARAMS.getN().subtract(s);

            for (BigInteger anyS : new BigInteger[] {s, highS}) {
                Sign.SignatureData got = DerSignatures.toSignatureData(der(r, anyS), digest, KEY.getPublicKey());
                assertThat(got.getR()).isEqualTo(expected.getR());
                assertThat(got.getS()).isEqualTo(expected.getS());
                assertThat(got.getV()).isEqualTo(expected.getV());
            }
        }
    }

    @Test
    void aSignatureOfAnotherKeyIsRefused() throws IOException {
        byte[] digest = Hash.sha3("x".getBytes());
        ECDSASignature other = ECKeyPair.create(BigInteger.valueOf(12345)).sign(digest);
        assertThatThrownBy(() -> DerSignatures.toSignatureData(der(other.r, other.s), digest, KEY.getPublicKey()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DerSignatures.fromDer(new byte[] {1, 2, 3})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePublicKeyComesOutOfKmsSubjectPublicKeyInfo() throws IOException {
        byte[] point = Sign.publicPointFromPrivate(KEY.getPrivateKey()).getEncoded(false);
        byte[] spki = new SubjectPublicKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
                SECObjectIdentifiers.secp256k1), point).getEncoded();
        assertThat(DerSignatures.publicKeyFromSpki(spki)).isEqualTo(KEY.getPublicKey());
    }
}
