package ore.local.bots;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

class SiweTest {

    @Test
    void messageHasTheShapeAuthAccepts() {
        String message = Siwe.message("http://localhost:8080", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
                "http://localhost:8080", 31337, "abc123XYZ", Instant.parse("2026-12-01T20:15:30.123456Z"));
        assertThat(message).isEqualTo("""
                http://localhost:8080 wants you to sign in with your Ethereum account:
                0x70997970C51812dc3A010C7d01b50e0d17dc79C8

                Link this wallet to ORE

                URI: http://localhost:8080
                Version: 1
                Chain ID: 31337
                Nonce: abc123XYZ
                Issued At: 2026-12-01T20:15:30Z""");
        assertThat(message).doesNotContain("\r").doesNotEndWith("\n");
    }

    @Test
    void anvilsSecondAccountHasItsKnownChecksummedAddress() {
        // anvil's development account 1: a fixed key and a fixed EIP-55 address.
        ECKeyPair key = ECKeyPair.create(new BigInteger("59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d", 16));
        assertThat(Siwe.Wallet.of(key).address()).isEqualTo("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    }

    @Test
    void signatureRecoversToTheWalletAndHasLowS() throws Exception {
        for (int i = 0; i < 20; i++) {
            Siwe.Wallet wallet = Siwe.Wallet.random();
            assertThat(wallet.address()).matches("0x[0-9a-fA-F]{40}").isEqualTo(Keys.toChecksumAddress(wallet.address()));
            String message = Siwe.message("http://localhost:8080", wallet.address(), "http://localhost:8080", 31337,
                    "n0nce" + i, Instant.now());
            String signature = Siwe.sign(message, wallet.key());
            assertThat(signature).matches("0x[0-9a-f]{130}");
            byte[] bytes = HexFormat.of().parseHex(signature.substring(2));
            byte v = bytes[64];
            assertThat(v).isIn((byte) 27, (byte) 28);
            byte[] r = java.util.Arrays.copyOfRange(bytes, 0, 32);
            byte[] s = java.util.Arrays.copyOfRange(bytes, 32, 64);
            // EIP-2: s in the lower half of the curve order.
            assertThat(new BigInteger(1, s)).isLessThanOrEqualTo(Sign.CURVE_PARAMS.getN().shiftRight(1));
            BigInteger publicKey = Sign.signedPrefixedMessageToKey(message.getBytes(StandardCharsets.UTF_8),
                    new Sign.SignatureData(v, r, s));
            assertThat(Keys.toChecksumAddress(Keys.getAddress(publicKey))).isEqualTo(wallet.address());
        }
    }

    @Test
    void everyBotGetsItsOwnWallet() {
        var addresses = new java.util.HashSet<String>();
        for (int i = 0; i < 50; i++) {
            addresses.add(Siwe.Wallet.random().address());
        }
        assertThat(addresses).hasSize(50);
    }
}
