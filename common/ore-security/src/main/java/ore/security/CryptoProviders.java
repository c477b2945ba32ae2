package ore.security;

import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.util.Locale;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which JCA provider verifies (and, in auth-service, signs) ES256 tokens.
 *
 * <p>The JDK's own P-256 (SunEC) costs about 300 µs per verification on our machines; Amazon
 * Corretto Crypto Provider (ACCP, AWS-LC underneath) about a tenth of that. {@code accp} (the default,
 * {@code ORE_SECURITY_CRYPTO_PROVIDER}) loads ACCP, checks it is healthy and registers it as the
 * JVM's most preferred provider; where its native library cannot load (another OS or CPU, a
 * read-only temp directory) the JDK is used instead and that is logged once, as a warning. {@code jdk}
 * uses the JDK's provider without trying ACCP. Either way the chosen provider is set explicitly on
 * every verifier, so tests can run both side by side in one JVM.
 */
public final class CryptoProviders {

    private static final Logger LOG = LoggerFactory.getLogger(CryptoProviders.class);
    private static final String ACCP_CLASS = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

    /** What the {@code ore.security.crypto-provider} setting may say. */
    public enum Choice { ACCP, JDK }

    private static volatile Provider accp;
    private static volatile boolean accpTried;

    private CryptoProviders() {
    }

    public static Choice parse(String setting) {
        try {
            return Choice.valueOf(setting.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("ore.security.crypto-provider (ORE_SECURITY_CRYPTO_PROVIDER) must be "
                    + "'accp' or 'jdk', got: " + setting);
        }
    }

    /** The provider for {@code choice}: ACCP when asked for and loadable (installed once per JVM), else the JDK's. */
    public static Provider forChoice(Choice choice) {
        if (choice == Choice.JDK) {
            return jdk();
        }
        Provider loaded = accp();
        return loaded != null ? loaded : jdk();
    }

    /** The JDK's provider of SHA256withECDSA (SunEC), ignoring any provider registered before it. */
    public static Provider jdk() {
        Provider sunEc = Security.getProvider("SunEC");
        if (sunEc == null) {
            throw new IllegalStateException("the JDK's SunEC provider is missing");
        }
        return sunEc;
    }

    private static synchronized Provider accp() {
        if (!accpTried) {
            accpTried = true;
            accp = load(CryptoProviders::loadAccp);
            if (accp != null && Security.getProvider(accp.getName()) == null) {
                Security.insertProviderAt(accp, 1);
            }
        }
        return accp;
    }

    /**
     * Runs {@code loader}; any failure (class missing, native library not loadable, unhealthy self
     * test) is logged once and answered with null, meaning "use the JDK".
     */
    static Provider load(Supplier<Provider> loader) {
        try {
            Provider p = loader.get();
            Signature.getInstance("SHA256withECDSA", p);
            LOG.info("Crypto provider: {} {} preferred for ES256", p.getName(), p.getVersionStr());
            return p;
        } catch (Throwable e) {
            LOG.warn("Amazon Corretto Crypto Provider unavailable, using the JDK's SunEC (slower ES256): {}",
                    e.toString());
            return null;
        }
    }

    private static Provider loadAccp() {
        try {
            Class<?> type = Class.forName(ACCP_CLASS);
            Provider p = (Provider) type.getField("INSTANCE").get(null);
            type.getMethod("assertHealthy").invoke(p);
            return p;
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new IllegalStateException("ACCP is not healthy: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("ACCP could not be loaded: " + e, e);
        }
    }
}
