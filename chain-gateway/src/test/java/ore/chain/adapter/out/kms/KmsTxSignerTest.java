package ore.chain.adapter.out.kms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import ore.chain.adapter.out.TxSignerContract;
import ore.chain.app.port.TxSigner;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * {@link KmsTxSigner} through the real AWS SDK client against a loopback stand-in for the KMS API
 * (GetPublicKey and Sign of the JSON protocol, with a secp256k1 key held by the test): AWS KMS itself
 * cannot be reached from here. The stand-in answers as KMS does — DER SubjectPublicKeyInfo, DER
 * signatures without recovery id, and every other signature in high-s form — and checks that the
 * adapter asks for a DIGEST signature with ECDSA_SHA_256. The signed transactions then go to anvil.
 */
class KmsTxSignerTest extends TxSignerContract {

    static final ECKeyPair KEY = ECKeyPair.create(new BigInteger("8f2a55949038a9610f50fb23b5883af3b4ecb3c3bb792cbcefbd1542c692be63", 16));
    static final String KEY_ID = "arn:aws:kms:eu-central-1:111122223333:key/test-treasury";
    static final ObjectMapper JSON = new ObjectMapper();

    final List<String> operations = new CopyOnWriteArrayList<>();
    final AtomicInteger signatures = new AtomicInteger();
    HttpServer kms;

    @Override
    protected TxSigner newSigner() {
        try {
            kms = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        kms.createContext("/", exchange -> {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            operations.add(target);
            Map<String, Object> answer;
            int status = 200;
            if ("TrentService.GetPublicKey".equals(target) && KEY_ID.equals(body.path("KeyId").asText())) {
                answer = Map.of("KeyId", KEY_ID, "KeySpec", "ECC_SECG_P256K1", "KeyUsage", "SIGN_VERIFY",
                        "PublicKey", Base64.getEncoder().encodeToString(spki()), "SigningAlgorithms", List.of("ECDSA_SHA_256"));
            } else if ("TrentService.Sign".equals(target) && "DIGEST".equals(body.path("MessageType").asText())
                    && "ECDSA_SHA_256".equals(body.path("SigningAlgorithm").asText())) {
                byte[] digest = Base64.getDecoder().decode(body.path("Message").asText());
                answer = Map.of("KeyId", KEY_ID, "SigningAlgorithm", "ECDSA_SHA_256",
                        "Signature", Base64.getEncoder().encodeToString(der(digest, signatures.incrementAndGet() % 2 == 0)));
            } else {
                status = 400;
                answer = Map.of("__type", "ValidationException", "message", "unexpected request " + target);
            }
            byte[] out = JSON.writeValueAsBytes(answer);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(status, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        kms.start();
        KmsClient client = KmsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + kms.getAddress().getPort()))
                .region(Region.EU_CENTRAL_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        return new KmsTxSigner(client, KEY_ID);
    }

    @Override
    protected String expectedAddress() {
        return "0x" + Keys.getAddress(KEY.getPublicKey());
    }

    @AfterAll
    void stopKms() {
        if (kms != null) {
            kms.stop(0);
        }
    }

    @Test
    void asksKmsForTheKeyOnceAndForOneDigestSignaturePerTransaction() {
        long before = operations.stream().filter("TrentService.Sign"::equals).count();
        signer.sign(new TxSigner.UnsignedTx(31337, 0, "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "0x",
                BigInteger.valueOf(21_000), BigInteger.TEN, BigInteger.ONE));
        assertThat(operations.stream().filter("TrentService.Sign"::equals).count()).isEqualTo(before + 1);
        assertThat(operations).filteredOn("TrentService.GetPublicKey"::equals).hasSize(1);
        assertThat(operations).allMatch(op -> op.equals("TrentService.Sign") || op.equals("TrentService.GetPublicKey"));
    }

    private static byte[] spki() {
        try {
            byte[] point = Sign.publicPointFromPrivate(KEY.getPrivateKey()).getEncoded(false);
            return new SubjectPublicKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
                    SECObjectIdentifiers.secp256k1), point).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] der(byte[] digest, boolean highS) {
        var sig = KEY.sign(digest);
        BigInteger s = highS ? Sign.CURVE_PARAMS.getN().subtract(sig.s) : sig.s;
        try {
            ASN1EncodableVector v = new ASN1EncodableVector();
            v.add(new ASN1Integer(sig.r));
            v.add(new ASN1Integer(s));
            return new DERSequence(v).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
