package ore.auth.adapter.in.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import ore.auth.app.PrivacyService;
import ore.auth.app.TokenPair;
import ore.auth.domain.account.Player;

/** Request and response bodies of the public auth API. */
final class AuthDtos {

    private AuthDtos() {
    }

    @Serdeable
    record Credentials(
            @Schema(example = "alice@example.com",
                    requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank @Size(max = 254) String email,
            @Schema(example = "correct horse battery staple", description = "8 to 128 characters",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            @NotNull @Size(max = 1024) String password) {

        @Override
        public String toString() {
            return "Credentials[***]";
        }
    }

    @Serdeable
    record UpgradeRequest(
            @Schema(example = "alice@example.com",
                    requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank @Size(max = 254) String email,
            @Schema(description = "8 to 128 characters",
                    requiredMode = Schema.RequiredMode.REQUIRED) @NotNull @Size(max = 1024) String password,
            @Schema(description = "The device id this guest signs in with: proof that the caller holds the device",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            @NotBlank @Size(max = 128) String deviceId) {

        @Override
        public String toString() {
            return "UpgradeRequest[***]";
        }
    }

    @Serdeable
    record ConfirmEmailRequest(@Schema(description = "The code from the confirmation mail (evt_...)",
            requiredMode = Schema.RequiredMode.REQUIRED)
                               @NotBlank @Size(max = 64) String code) {

        @Override
        public String toString() {
            return "ConfirmEmailRequest[***]";
        }
    }

    @Serdeable
    record PasswordResetRequest(@Schema(example = "alice@example.com",
            requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank @Size(max = 254) String email) {

        @Override
        public String toString() {
            return "PasswordResetRequest[***]";
        }
    }

    @Serdeable
    record PasswordResetConfirmRequest(
            @Schema(description = "The code from the reset mail (rst_...)",
                    requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank @Size(max = 64) String code,
            @Schema(description = "The new password, 8 to 128 characters",
                    requiredMode = Schema.RequiredMode.REQUIRED) @NotNull @Size(max = 1024) String password) {

        @Override
        public String toString() {
            return "PasswordResetConfirmRequest[***]";
        }
    }

    @Serdeable
    record GuestRequest(@Schema(description = "Random id the client generated on first launch, 10-128 chars [A-Za-z0-9._:-]",
            example = "9f1c2b7e-4d1a-4a39-9a38-6a1f0f1d2c3b",
                    requiredMode = Schema.RequiredMode.REQUIRED) @NotNull @Size(max = 128) String deviceId) {
    }

    @Serdeable
    record RefreshRequest(@NotBlank @Size(max = 128) String refreshToken) {

        @Override
        public String toString() {
            return "RefreshRequest[***]";
        }
    }

    @Serdeable
    record SiweVerifyRequest(
            @Schema(description = "The EIP-4361 message exactly as the wallet signed it",
                    requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank @Size(max = 4096) String message,
            @Schema(description = "0x-prefixed 65-byte personal_sign signature",
                    requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank @Size(max = 200) String signature,
            @Schema(description = "The session's current refresh token; needed when the sign-in is older than 10 minutes")
            @Nullable @Size(max = 128) String refreshToken) {

        @Override
        public String toString() {
            return "SiweVerifyRequest[signature=" + signature + ", refreshToken=***]";
        }
    }

    @Serdeable
    record WalletChangeProof(@Nullable @Size(max = 128) String refreshToken) {

        @Override
        public String toString() {
            return "WalletChangeProof[***]";
        }
    }

    @Serdeable
    record Accepted(@Schema(example = "confirmation_sent", requiredMode = Schema.RequiredMode.REQUIRED) String status,
                    @Schema(example = "If this e-mail can be registered, we sent it a confirmation code; confirm it to "
                            + "create the account.", requiredMode = Schema.RequiredMode.REQUIRED) String message) {
    }

    @Serdeable
    record Tokens(@Schema(example = "01964f5e-7a2b-7c3d-9e4f-5a6b7c8d9e0f",
            requiredMode = Schema.RequiredMode.REQUIRED) UUID playerId,
                  @Schema(description = "ES256 JWT; send as Authorization: Bearer <accessToken>",
                          example = "eyJhbGciOiJFUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiIwMTk2In0.c2ln",
                                  requiredMode = Schema.RequiredMode.REQUIRED) String accessToken,
                  @Schema(example = "Bearer", requiredMode = Schema.RequiredMode.REQUIRED) String tokenType,
                  @Schema(description = "seconds until the access token expires", example = "900",
                          requiredMode = Schema.RequiredMode.REQUIRED) long expiresIn,
                  @Schema(description = "Absent when a refresh replay inside the grace window got an access token "
                          + "only: keep the refresh token you already have",
                          example = "ort_3q2-7wG1h8c0Xv5kZ9yL4mN6pR2sT8uV") @Nullable String refreshToken) {

        @Override
        public String toString() {
            return "Tokens[playerId=" + playerId + ", tokens=***]";
        }

        static Tokens of(TokenPair pair) {
            return new Tokens(pair.playerId(), pair.accessToken(), "Bearer", pair.expiresInSeconds(), pair.refreshToken());
        }
    }

    @Serdeable
    record GuestTokens(@Schema(description = "true when this sign-in created the guest account",
            requiredMode = Schema.RequiredMode.REQUIRED) boolean created,
                       Tokens tokens) {
    }

    @Serdeable
    record AccessToken(@Schema(example = "eyJhbGciOiJFUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiIwMTk2In0.c2ln",
            requiredMode = Schema.RequiredMode.REQUIRED) String accessToken,
                       @Schema(example = "Bearer", requiredMode = Schema.RequiredMode.REQUIRED) String tokenType,
                       @Schema(example = "900", requiredMode = Schema.RequiredMode.REQUIRED) long expiresIn) {

        @Override
        public String toString() {
            return "AccessToken[***]";
        }
    }

    @Serdeable
    record Nonce(@Schema(example = "k3Jx9QpL2vWm8aZt", requiredMode = Schema.RequiredMode.REQUIRED) String nonce,
                 @Schema(example = "2026-05-01T12:05:00Z",
                         requiredMode = Schema.RequiredMode.REQUIRED) Instant expiresAt) {
    }

    @Serdeable
    record Wallet(@Schema(description = "EIP-55 checksummed address (0x and 40 hex digits)",
            requiredMode = Schema.RequiredMode.REQUIRED) String address,
                  @Schema(example = "137",
                          requiredMode = Schema.RequiredMode.REQUIRED) long chainId, Instant linkedAt) {
    }

    @Serdeable
    record Me(@Schema(example = "01964f5e-7a2b-7c3d-9e4f-5a6b7c8d9e0f",
            requiredMode = Schema.RequiredMode.REQUIRED) UUID playerId,
              @Schema(description = "guest | email", example = "guest",
                      requiredMode = Schema.RequiredMode.REQUIRED) String kind,
              @Schema(example = "alice@example.com") @Nullable String email,
              @Schema(type = "object", description = "The linked wallet; absent without one") @Nullable Wallet wallet,
              @Schema(description = "player; admin for operators",
                      requiredMode = Schema.RequiredMode.REQUIRED) List<String> roles,
              Instant createdAt) {

        static Me of(Player p) {
            return new Me(p.id(), p.kind().name().toLowerCase(), p.email().map(Object::toString).orElse(null),
                    p.wallet().map(w -> new Wallet(w.address(), w.chainId(), w.linkedAt())).orElse(null),
                    p.roles(), p.createdAt());
        }
    }

    @Serdeable
    record WalletLinked(Me player, AccessToken token) {
    }

    @Serdeable
    record Session(UUID id, Instant createdAt, Instant lastUsedAt, Instant expiresAt, @Nullable Instant revokedAt,
                   @Nullable String revokeReason) {
    }

    @Serdeable
    record WalletChange(String action, String address, long chainId, @Nullable UUID sessionId, Instant changedAt) {
    }

    /** GDPR export: a stable, versioned, machine-readable document (fields are only ever added). */
    @Serdeable
    record Export(String format, Instant exportedAt, Me account, List<Session> sessions, List<WalletChange> walletChanges) {

        static Export of(PrivacyService.Export e) {
            return new Export(e.format(), e.exportedAt(), Me.of(e.player()), e.sessions().stream()
                    .map(s -> new Session(s.id(), s.createdAt(), s.lastUsedAt(), s.expiresAt(),
                            s.revokedAt().orElse(null), s.revokeReason().orElse(null)))
                    .toList(),
                    e.walletChanges().stream()
                            .map(w -> new WalletChange(w.action().name().toLowerCase(java.util.Locale.ROOT), w.address(),
                                    w.chainId(), w.sessionId().orElse(null), w.changedAt()))
                            .toList());
        }
    }

    @Serdeable
    record DeletionScheduled(@Schema(example = "deletion_scheduled",
            requiredMode = Schema.RequiredMode.REQUIRED) String status,
                             @Schema(description = "the account rows are gone by then",
                                     requiredMode = Schema.RequiredMode.REQUIRED) Instant completeBy) {
    }
}
