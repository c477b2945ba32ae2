package ore.auth.config;

import io.micronaut.context.annotation.Factory;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import ore.auth.adapter.out.crypto.Argon2PasswordHasher;
import ore.auth.adapter.out.crypto.Es256TokenSigner;
import ore.auth.adapter.out.crypto.KeyRing;
import ore.auth.adapter.out.crypto.KeyRingSignature;
import ore.auth.adapter.out.crypto.Web3jSignatureRecovery;
import ore.auth.app.PrivacyService;
import ore.auth.app.ServiceTokenService;
import ore.auth.app.WalletService;
import ore.auth.app.AccountService;
import ore.auth.app.PasswordResetService;
import ore.auth.app.port.MailBudget;
import ore.auth.app.port.PlayerStore;
import ore.auth.app.port.SessionStore;
import ore.auth.app.port.Transactions;
import ore.auth.adapter.out.redis.RedisMailBudget;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import java.util.concurrent.ExecutorService;
import ore.auth.app.port.LoginAttempts;
import ore.auth.app.port.Mailer;
import ore.auth.adapter.out.mail.LoggingMailer;
import ore.auth.adapter.out.mail.MemoryMailer;
import ore.auth.adapter.out.mail.SesMailer;
import ore.auth.app.port.PasswordHasher;
import ore.auth.adapter.out.redis.RedisLoginAttempts;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import ore.auth.domain.account.LoginBackoff;
import ore.auth.domain.session.TokenPolicy;
import ore.auth.domain.siwe.SiwePolicy;
import ore.auth.domain.siwe.SiweVerifier;
import java.security.Provider;
import java.time.Clock;
import ore.security.CryptoProviders;
import ore.security.SecuritySettings;
import ore.security.VerifiedSignatures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the domain objects and adapters of auth-service from its settings. */
@Factory
public class AuthFactory {

    private static final Logger LOG = LoggerFactory.getLogger(AuthFactory.class);

    @Singleton
    KeyRing keyRing(AuthSettings.Signing signing) {
        if (signing.keys() != null && !signing.keys().isBlank()) {
            return KeyRing.parse(signing.keys(), signing.activeKid());
        }
        if (!signing.allowEphemeralKeys()) {
            throw new IllegalStateException("No signing keys: set ORE_AUTH_SIGNING_KEYS (a JWK Set of private P-256 keys). "
                    + "Only local runs may set ORE_AUTH_SIGNING_ALLOW_EPHEMERAL_KEYS=true instead.");
        }
        LOG.warn("Using an ephemeral signing key: tokens will not survive a restart (local/dev only)");
        return KeyRing.ephemeral();
    }

    @Singleton
    Es256TokenSigner tokenSigner(KeyRing keys, SecuritySettings security) {
        return new Es256TokenSigner(keys, security.issuer(), cryptoProvider(security));
    }

    @Singleton
    SignatureConfiguration ownTokens(KeyRing keys, SecuritySettings security, Clock clock) {
        return new KeyRingSignature(keys, cryptoProvider(security),
                new VerifiedSignatures(security.verifiedCacheSize(), security.verifiedCacheTtl(), clock));
    }

    private static Provider cryptoProvider(SecuritySettings security) {
        return CryptoProviders.forChoice(CryptoProviders.parse(security.cryptoProvider()));
    }

    @Singleton
    TokenPolicy tokenPolicy(AuthSettings.Tokens t) {
        return new TokenPolicy(t.accessTtl(), t.refreshTtl(), t.sessionLifetime(), t.reuseGrace(), t.serviceTtl());
    }

    @Singleton
    LoginBackoff loginBackoff(AuthSettings.Login l) {
        return new LoginBackoff(l.freeAttempts(), l.firstLock(), l.maxLock(), l.window());
    }

    @Singleton
    LoginAttempts loginAttempts(RedisClusterAsyncCommands<String, String> redis, LoginBackoff backoff,
                                AuthSettings.Login l) {
        return new RedisLoginAttempts(redis, backoff,
                new RedisLoginAttempts.Ceiling(l.accountCeiling(), l.slowInterval(), l.knownClientTtl()));
    }

    @Singleton
    Mailer mailer(AuthSettings.Mail mail) {
        return switch (mail.provider()) {
            case "memory" -> new MemoryMailer();
            case "ses" -> {
                if (mail.from() == null || mail.region() == null) {
                    throw new IllegalStateException("ORE_AUTH_MAIL_PROVIDER=ses needs ORE_AUTH_MAIL_FROM and ORE_AUTH_MAIL_REGION");
                }
                yield new SesMailer(mail.region(), mail.from(), mail.timeout(),
                        mail.endpoint() == null ? null : java.net.URI.create(mail.endpoint()));
            }
            default -> {
                LOG.warn("Mail is written to the log, not sent (ORE_AUTH_MAIL_PROVIDER=log): local runs only");
                if (mail.logCodes()) {
                    LOG.warn("Single-use codes are written to the log as they are (ORE_AUTH_MAIL_LOG_CODES=true): "
                            + "anyone reading this log can confirm e-mails and reset passwords; local runs only");
                }
                yield new LoggingMailer(mail.logCodes());
            }
        };
    }

    @Singleton
    MailBudget mailBudget(RedisClusterAsyncCommands<String, String> redis, AuthSettings.Mail mail) {
        return new RedisMailBudget(redis, mail.maxPerAddress(), mail.maxPerAddressWindow());
    }

    @Singleton
    AccountService.Verification verification(AuthSettings.Mail mail) {
        return new AccountService.Verification(mail.codeTtl(), mail.confirmLink());
    }

    /** Reset mails leave on the blocking executor (virtual threads), off the request's path: see PasswordResetService. */
    @Singleton
    PasswordResetService passwordReset(PlayerStore players, SessionStore sessions, PasswordHasher hasher,
                                       LoginAttempts attempts, Mailer mailer, MailBudget mailBudget, Transactions tx,
                                       AuthSettings.PasswordReset reset, Clock clock,
                                       @Named(TaskExecutors.BLOCKING) ExecutorService background) {
        return new PasswordResetService(players, sessions, hasher, attempts, mailer, mailBudget, tx,
                new PasswordResetService.Settings(reset.codeTtl(), reset.link()), background, clock);
    }

    @Singleton
    PasswordHasher passwordHasher(AuthSettings.Password p) {
        return new Argon2PasswordHasher(p.memoryKib(), p.iterations(), p.parallelism(), p.maxConcurrent(),
                p.maxWait().toMillis());
    }

    @Singleton
    SiweVerifier siweVerifier(AuthSettings.Siwe s) {
        String scheme = java.net.URI.create(s.uri()).getScheme();
        return new SiweVerifier(new SiwePolicy(scheme, s.domain(), s.uri(), new HashSet<>(s.chainIds()), s.clockSkew(),
                s.maxMessageAge()), new Web3jSignatureRecovery());
    }

    @Singleton
    WalletService.Settings walletSettings(AuthSettings.Siwe s, AuthSettings.Wallet w) {
        return new WalletService.Settings(s.nonceTtl(), w.freshSignIn());
    }

    @Singleton
    PrivacyService.DeletionGrace deletionGrace(AuthSettings.Deletion d) {
        return new PrivacyService.DeletionGrace(d.grace());
    }

    @Singleton
    ServiceTokenService.Registry serviceClients(List<AuthSettings.Client> clients) {
        return new ServiceTokenService.Registry(clients.stream()
                .map(c -> new ServiceTokenService.Client(c.name(), c.secretSha256(), new HashSet<>(c.audiences())))
                .collect(Collectors.toUnmodifiableMap(ServiceTokenService.Client::id, Function.identity())));
    }
}
