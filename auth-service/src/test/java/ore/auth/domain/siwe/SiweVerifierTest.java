package ore.auth.domain.siwe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import ore.auth.adapter.out.crypto.Web3jSignatureRecovery;
import org.junit.jupiter.api.Test;

class SiweVerifierTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final String NONCE = "k3Jd8sPq2LmZ";
    private static final WalletFixture WALLET = WalletFixture.create();
    private static final SiwePolicy POLICY = SiwePolicy.forOrigin("https://ore.example", Set.of(137L, 80002L));

    private final SiweVerifier verifier = new SiweVerifier(POLICY, new Web3jSignatureRecovery());

    /** A message this service accepts at {@link #NOW}, before any test-specific change. */
    private static SiweMessage.Builder valid() {
        return message("ore.example", "https://ore.example/login", 137, NOW.minusSeconds(5));
    }

    private static SiweMessage.Builder issuedAt(Instant issuedAt) {
        return message("ore.example", "https://ore.example/login", 137, issuedAt);
    }

    private static SiweMessage.Builder message(String domain, String uri, long chainId, Instant issuedAt) {
        return SiweMessage.builder(domain, WALLET.address(), uri, chainId, NONCE, at(issuedAt))
                .statement("Sign in to ORE.")
                .expirationTime(at(NOW.plus(Duration.ofMinutes(5))));
    }

    @Test
    void verifiesAMessageSignedByTheAddress() {
        String text = valid().build().toText();

        VerifiedWallet wallet = verifier.verify(text, WALLET.sign(text), NONCE, NOW);

        assertThat(wallet).isEqualTo(new VerifiedWallet(WALLET.address(), 137, NONCE));
    }

    @Test
    void verifiesWithAllOptionalFieldsExplicitSchemeAndSecondChain() {
        String text = SiweMessage.builder("ore.example", WALLET.address(), "https://ore.example", 80002, NONCE,
                        at(NOW.minusSeconds(5)))
                .scheme("https")
                .notBefore(at(NOW.minusSeconds(5)))
                .requestId("r-1")
                .resources(List.of("https://ore.example/terms"))
                .build().toText();

        assertThat(verifier.verify(text, WALLET.sign(text), NONCE, NOW).chainId()).isEqualTo(80002);
    }

    @Test
    void acceptsRecoveryIdZeroOrOneAndBareHex() {
        String text = valid().build().toText();
        byte[] signature = WALLET.signBytes(text);
        signature[64] -= 27;

        assertThat(verifier.verify(text, HexFormat.of().formatHex(signature), NONCE, NOW).address())
                .isEqualTo(WALLET.address());
    }

    @Test
    void refusesWrongDomain() {
        assertRefused(message("evil.example", "https://ore.example/login", 137, NOW), SiweFailure.WRONG_DOMAIN);
        assertRefused(message("ore.example:8443", "https://ore.example/login", 137, NOW), SiweFailure.WRONG_DOMAIN);
    }

    @Test
    void refusesWrongScheme() {
        assertRefused(valid().scheme("http"), SiweFailure.WRONG_DOMAIN);
    }

    @Test
    void refusesUriOutsideThePrefix() {
        assertRefused(message("ore.example", "https://ore.example.evil.io/login", 137, NOW), SiweFailure.WRONG_URI);
        assertRefused(message("ore.example", "http://ore.example/login", 137, NOW), SiweFailure.WRONG_URI);
    }

    @Test
    void refusesChainNotInThePolicy() {
        assertRefused(message("ore.example", "https://ore.example/login", 1, NOW), SiweFailure.WRONG_CHAIN);
    }

    @Test
    void refusesNonceMismatch() {
        String text = valid().build().toText();

        assertFailure(() -> verifier.verify(text, WALLET.sign(text), "someOtherNonce1", NOW), SiweFailure.NONCE_MISMATCH);
        assertFailure(() -> verifier.verify(text, WALLET.sign(text), NONCE.substring(1), NOW),
                SiweFailure.NONCE_MISMATCH);
    }

    @Test
    void refusesExpiredMessages() {
        assertRefused(valid().expirationTime(at(NOW.minusSeconds(1))), SiweFailure.EXPIRED);
        // The clock skew never extends a message's lifetime.
        assertRefused(valid().expirationTime(at(NOW)), SiweFailure.EXPIRED);
    }

    @Test
    void refusesNotBeforeInTheFutureBeyondTheSkew() {
        assertRefused(valid().notBefore(at(NOW.plusSeconds(61))), SiweFailure.NOT_YET_VALID);
        assertAccepted(valid().notBefore(at(NOW.plusSeconds(60))));
    }

    @Test
    void refusesIssuedAtInTheFutureBeyondTheSkew() {
        assertRefused(issuedAt(NOW.plusSeconds(61)), SiweFailure.ISSUED_IN_FUTURE);
        assertAccepted(issuedAt(NOW.plusSeconds(60)));
    }

    @Test
    void refusesMessagesOlderThanTheMaximumAge() {
        assertRefused(issuedAt(NOW.minus(Duration.ofMinutes(10)).minusSeconds(1)), SiweFailure.TOO_OLD);
        assertAccepted(issuedAt(NOW.minus(Duration.ofMinutes(10))));
    }

    @Test
    void comparesTimesAsInstantsWhateverTheOffset() {
        OffsetDateTime issuedInTokyo = NOW.minusSeconds(5).atOffset(ZoneOffset.ofHours(9));
        SiweMessage.Builder message = SiweMessage.builder("ore.example", WALLET.address(),
                "https://ore.example/login", 137, NONCE, issuedInTokyo);

        assertAccepted(message);
    }

    @Test
    void refusesSignatureByAnotherKey() {
        String text = valid().build().toText();

        assertFailure(() -> verifier.verify(text, WalletFixture.create().sign(text), NONCE, NOW),
                SiweFailure.BAD_SIGNATURE);
    }

    @Test
    void refusesMessageTamperedAfterSigning() {
        String signed = valid().build().toText();
        String tampered = signed.replace("Sign in to ORE.", "Sign in to ORE and grant everything.");

        assertFailure(() -> verifier.verify(tampered, WALLET.sign(signed), NONCE, NOW), SiweFailure.BAD_SIGNATURE);
    }

    @Test
    void refusesTruncatedSignature() {
        String text = valid().build().toText();
        String signature = WALLET.sign(text);

        assertFailure(() -> verifier.verify(text, signature.substring(0, signature.length() - 2), NONCE, NOW),
                SiweFailure.BAD_SIGNATURE);
    }

    @Test
    void refusesTheHighSTwinOfAValidSignature() {
        String text = valid().build().toText();
        byte[] highS = WalletFixture.highS(WALLET.signBytes(text));

        // The twin is a valid ECDSA signature by the same key: only the EIP-2 rule stops it.
        assertThat(new Web3jSignatureRecovery().recoverAddress(text, highS))
                .isEqualToIgnoringCase(WALLET.address());
        assertFailure(() -> verifier.verify(text, HexFormat.of().formatHex(highS), NONCE, NOW),
                SiweFailure.BAD_SIGNATURE);
    }

    @Test
    void refusesMalformedMessageBeforeLookingAtTheSignature() {
        String text = valid().build().toText() + "\n";

        assertFailure(() -> verifier.verify(text, "not even hex", NONCE, NOW), SiweFailure.MALFORMED_MESSAGE);
    }

    @Test
    void passesTheExactTextAndNormalisedSignatureToTheRecoveryPort() {
        String text = valid().build().toText();
        byte[] signature = WALLET.signBytes(text);
        byte[] withRecoveryId = signature.clone();
        withRecoveryId[64] -= 27;
        AtomicReference<String> seenText = new AtomicReference<>();
        AtomicReference<byte[]> seenSignature = new AtomicReference<>();
        SiweVerifier recording = new SiweVerifier(POLICY, (message, signature65) -> {
            seenText.set(message);
            seenSignature.set(signature65);
            return WALLET.address().toLowerCase();
        });

        recording.verify(text, HexFormat.of().formatHex(withRecoveryId), NONCE, NOW);

        assertThat(seenText.get()).isEqualTo(text);
        assertThat(seenSignature.get()).isEqualTo(signature);
    }

    private void assertRefused(SiweMessage.Builder message, SiweFailure failure) {
        String text = message.build().toText();
        assertFailure(() -> verifier.verify(text, WALLET.sign(text), NONCE, NOW), failure);
    }

    private void assertAccepted(SiweMessage.Builder message) {
        String text = message.build().toText();
        assertThat(verifier.verify(text, WALLET.sign(text), NONCE, NOW).address()).isEqualTo(WALLET.address());
    }

    private static void assertFailure(Runnable action, SiweFailure failure) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(SiweException.class,
                e -> assertThat(e.failure()).as(e.getMessage()).isEqualTo(failure));
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
