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
                    // No mail leaves a local run: the e-mail confirmation and password reset codes are
                    // printed in auth's output ([auth] ... evt_... / rst_...) for the developer to use.
                    "ORE_AUTH_MAIL_LOG_CODES", "true",
                    // The SIWE message a wallet signs must name the site the player sees: the router.
                    "ORE_AUTH_SIWE_DOMAIN", "localhost:8080",
                    "ORE_AUTH_SIWE_URI", "http://localhost:8080",
                    // game-service's client credentials (secret "local-game-secret", local only).
                    "ORE_AUTH_CLIENTS_GAME_SECRET_SHA256", "ee1b7555d2eb9d191a301e3058a71e43def4619300eebba43241882058586cc3",
                    "ORE_AUTH_CLIENTS_GAME_AUDIENCES", "location",
                    // realtime-engine's (secret "local-realtime-secret"): asks location for players' cells.
                    "ORE_AUTH_CLIENTS_REALTIME_SECRET_SHA256", "217e9e9b159af460bc310d8f2f3c91c08724c8122d9dc33f497d99830827118b",
                    "ORE_AUTH_CLIENTS_REALTIME_AUDIENCES", "location")),
            // Its defaults already point at auth on 8081 for the JWKS.
            new ServiceSpec("location", 8082, ServiceSpec.jarOf("location-service"), Map.of()),
            new ServiceSpec("game", 8083, ServiceSpec.jarOf("game-service"), Map.of(
                    // A fixed development secret for node spawning; production refuses to start without a real one.
                    "ORE_GAME_NODES_ALLOW_DEV_SECRET", "true",
                    "ORE_SECURITY_CLIENT_CLIENT_SECRET", "local-game-secret")),
            // The router tunnels /ws to it; it asks location for players' cells with its client credentials.
            new ServiceSpec("realtime", 8084, ServiceSpec.jarOf("realtime-engine"), Map.of(
                    "ORE_SECURITY_CLIENT_CLIENT_SECRET", "local-realtime-secret")),
            // Pays rewards on the local chain (anvil, the ORE token deployed at start; LocalChain).
            new ServiceSpec("chain", 8085, ServiceSpec.jarOf("chain-gateway"), Map.of()));

}
