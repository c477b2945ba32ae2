package ore.auth.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;

/** Settings of auth-service, all under {@code ore.auth.*}; the README lists them with their env vars. */
public final class AuthSettings {

    private AuthSettings() {
    }

    /**
     * {@code ore.auth.signing.*}: the JWK Set of private signing keys ({@code ORE_AUTH_SIGNING_KEYS},
     * from Secrets Manager) and which one signs. Without keys the service refuses to start unless
     * {@code allow-ephemeral-keys} is set, which only the local run and tests do.
     */
    @ConfigurationProperties("ore.auth.signing")
    public record Signing(@Nullable String keys, @Nullable String activeKid,
                          @Bindable(defaultValue = "false") boolean allowEphemeralKeys) {
    }

    @ConfigurationProperties("ore.auth.tokens")
    public record Tokens(@Bindable(defaultValue = "15m") Duration accessTtl,
                         @Bindable(defaultValue = "30d") Duration refreshTtl,
                         @Bindable(defaultValue = "90d") Duration sessionLifetime,
                         @Bindable(defaultValue = "10s") Duration reuseGrace,
                         @Bindable(defaultValue = "10m") Duration serviceTtl) {
    }

    /**
     * {@code ore.auth.password.*}: Argon2id cost. Defaults are OWASP's minimum for Argon2id (19 MiB,
     * 2 iterations, 1 lane); two hashes at a time fit a 0.5 vCPU / 1 GB task (see README).
     */
    @ConfigurationProperties("ore.auth.password")
    public record Password(@Bindable(defaultValue = "19456") @Min(8) int memoryKib,
                           @Bindable(defaultValue = "2") @Min(1) int iterations,
                           @Bindable(defaultValue = "1") @Min(1) int parallelism,
                           @Bindable(defaultValue = "2") @Min(1) int maxConcurrent,
                           @Bindable(defaultValue = "3s") Duration maxWait) {
    }

    /**
     * {@code ore.auth.login.*}: login throttling. Per e-mail and client address group: {@code free-attempts},
     * then a lock from {@code first-lock} doubling up to {@code max-lock}, counted over {@code window}.
     * Per e-mail from all clients: past {@code account-ceiling} attempts in the window, clients that never
     * signed in to the account get one attempt per {@code slow-interval}; clients that did (remembered for
     * {@code known-client-ttl}) are not held back.
     */
    @ConfigurationProperties("ore.auth.login")
    public record Login(@Bindable(defaultValue = "5") @Min(1) int freeAttempts,
                        @Bindable(defaultValue = "30s") Duration firstLock,
                        @Bindable(defaultValue = "15m") Duration maxLock,
                        @Bindable(defaultValue = "15m") Duration window,
                        @Bindable(defaultValue = "30") @Min(1) int accountCeiling,
                        @Bindable(defaultValue = "10s") Duration slowInterval,
                        @Bindable(defaultValue = "90d") Duration knownClientTtl) {
    }

    /**
     * {@code ore.auth.siwe.*}: what a SIWE message must say to link a wallet: the game's domain and
     * URI, and the chain (Polygon 137 in production, Amoy 80002 in test networks).
     */
    @ConfigurationProperties("ore.auth.siwe")
    public record Siwe(@NotBlank String domain,
                       @NotBlank String uri,
                       @NotEmpty List<Long> chainIds,
                       @Bindable(defaultValue = "5m") Duration nonceTtl,
                       @Bindable(defaultValue = "10m") Duration maxMessageAge,
                       @Bindable(defaultValue = "60s") Duration clockSkew) {
    }

    /**
     * {@code ore.auth.wallet.*}: how long after a sign-in a session may link or unlink the payout
     * wallet with its access token alone; later it must also present its current refresh token.
     */
    @ConfigurationProperties("ore.auth.wallet")
    public record Wallet(@Bindable(defaultValue = "10m") Duration freshSignIn) {
    }

    /**
     * {@code ore.auth.mail.*}: how mail leaves auth-service. {@code provider}: {@code log} (local runs:
     * the mail is written to the log), {@code memory} (tests), {@code ses} (production: Amazon SES API
     * v2 in {@code region}, sender {@code from}, optional {@code endpoint} for a VPC endpoint).
     * {@code log-codes}: the {@code log} provider writes the single-use codes as they are instead of
     * {@code evt_***} (local runs and benchmarks only: a code in a log opens the account).
     * {@code code-ttl} and {@code confirm-link}: the e-mail confirmation code of a registration or a
     * guest upgrade. {@code max-per-address} mails at most to one address per {@code max-per-address-window},
     * whatever asked for them; past it requests answer the same and send nothing.
     */
    @ConfigurationProperties("ore.auth.mail")
    public record Mail(@Bindable(defaultValue = "log") @Pattern(regexp = "log|memory|ses") String provider,
                       @Nullable String from,
                       @Nullable String region,
                       @Nullable String endpoint,
                       @Bindable(defaultValue = "5s") Duration timeout,
                       @Bindable(defaultValue = "false") boolean logCodes,
                       @Bindable(defaultValue = "30m") Duration codeTtl,
                       @Bindable(defaultValue = "https://play.ore.game/confirm-email?code=") String confirmLink,
                       @Bindable(defaultValue = "3") @Min(1) int maxPerAddress,
                       @Bindable(defaultValue = "1h") Duration maxPerAddressWindow) {
    }

    /**
     * {@code ore.auth.password-reset.*}: how long a mailed reset code works ({@code code-ttl}) and the
     * link the mail offers (the code is appended).
     */
    @ConfigurationProperties("ore.auth.password-reset")
    public record PasswordReset(@Bindable(defaultValue = "30m") Duration codeTtl,
                                @Bindable(defaultValue = "https://play.ore.game/reset-password?code=") String link) {
    }

    @ConfigurationProperties("ore.auth.deletion")
    public record Deletion(@Bindable(defaultValue = "7d") Duration grace,
                           @Bindable(defaultValue = "1h") Duration purgeInterval) {
    }

    /**
     * {@code ore.auth.clients.<id>.*}: a service allowed to obtain service tokens. The secret is
     * configured as its SHA-256 (hex), e.g. {@code ORE_AUTH_CLIENTS_GAME_SECRET_SHA256}.
     */
    @EachProperty("ore.auth.clients")
    public record Client(@Parameter String name,
                         @Pattern(regexp = "[0-9a-f]{64}") String secretSha256,
                         @NotEmpty List<String> audiences) {
    }
}
