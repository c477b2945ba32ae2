package ore.local.service;

import java.util.List;
import java.util.Map;

/**
 * The services the local stack runs, one line each. A service joins the local run by adding its line
 * here once its module builds a runnable jar; the router sends its ALB prefix to it from then on.
 */
public final class ServiceCatalog {

    private ServiceCatalog() {
    }

    public static final List<ServiceSpec> SERVICES = List.of(
            new ServiceSpec("auth", 8081, ServiceSpec.jarOf("auth-service"), Map.of(
                    // No key material locally: a fresh signing key per run, so tokens die with the run.
                    "ORE_AUTH_SIGNING_ALLOW_EPHEMERAL_KEYS", "true",
                    // The SIWE message a wallet signs must name the site the player sees: the router.
                    "ORE_AUTH_SIWE_DOMAIN", "localhost:8080",
                    "ORE_AUTH_SIWE_URI", "http://localhost:8080",
                    "ORE_AUTH_SIWE_CHAIN_IDS", "80002")));
}
