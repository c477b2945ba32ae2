package ore.local.service;

import java.util.LinkedHashMap;
import java.util.Map;
import ore.local.infra.Endpoints;

/**
 * The configuration a service gets, as environment variables the Micronaut way (a property's dots and
 * dashes become underscores, upper case): the same twelve-factor channel ECS uses in production.
 */
public record ServiceEnvironment(Endpoints.Postgres postgres, Endpoints.Redis redis, Endpoints.Kafka kafka,
                                 Endpoints.Chain chain, java.util.Optional<String> triton, Map<String, Integer> ports,
                                 java.util.Optional<String> otelEndpoint) {

    public ServiceEnvironment {
        ports = Map.copyOf(ports);
    }

    /** Without span export (the default: {@code ORE_LOCAL_OTEL_ENDPOINT} not set). */
    public ServiceEnvironment(Endpoints.Postgres postgres, Endpoints.Redis redis, Endpoints.Kafka kafka,
                              Endpoints.Chain chain, java.util.Optional<String> triton, Map<String, Integer> ports) {
        this(postgres, redis, kafka, chain, triton, ports, java.util.Optional.empty());
    }

    public Map<String, String> forService(ServiceSpec spec) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MICRONAUT_SERVER_PORT", Integer.toString(spec.port()));
        env.put("DATASOURCES_DEFAULT_URL", postgres.jdbcUrl());
        env.put("DATASOURCES_DEFAULT_USERNAME", postgres.user());
        env.put("DATASOURCES_DEFAULT_PASSWORD", postgres.password());
        env.put("REDIS_URI", redis.uri());
        // Four JVMs start at once on a small machine: Redis' first answer (the connection handshake)
        // can take longer than the services' 2 s command timeout, and realtime connects at start-up.
        env.put("REDIS_TIMEOUT", "10s");
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        // Every service sits behind the router, which appends the client's address to X-Forwarded-For
        // like the ALB does; per-IP rate limits must read that entry, not the router's own address.
        env.put("ORE_RATE_LIMIT_TRUSTED_PROXIES", "1");
        env.put("LOG_LEVEL", "INFO");
        // No load balancer drains a local service, and idle keep-alive connections between the
        // services would otherwise hold each graceful shutdown for its whole 20 s grace period.
        env.put("MICRONAUT_LIFECYCLE_GRACEFUL_SHUTDOWN_GRACE_PERIOD", "5s");
        // Where the other services are: the defaults name the standard local ports, but the launcher
        // may run on other ones (ORE_LOCAL_PORT_OFFSET), so every address is passed explicitly.
        Integer auth = ports.get("auth");
        if (auth != null && !spec.name().equals("auth")) {
            env.put("ORE_SECURITY_JWKS_URL", local(auth) + "/api/auth/.well-known/jwks.json");
            env.put("ORE_SECURITY_CLIENT_TOKEN_URL", local(auth) + "/internal/auth/token");
        }
        Integer location = ports.get("location");
        if (location != null && spec.name().equals("game")) {
            env.put("ORE_GAME_LOCATION_URL", local(location));
        }
        if (location != null && spec.name().equals("realtime")) {
            env.put("ORE_REALTIME_LOCATION_URL", local(location));
        }
        // One pub/sub flavour for producers and realtime alike: sharded on Redis 7, plain on the
        // embedded Redis 6.2, which has no SPUBLISH.
        env.put("ORE_REALTIME_SHARDED_PUBSUB", Boolean.toString(!redis.origin().contains("6.2")));
        if (chain != null && spec.name().equals("chain")) {
            env.put("ORE_CHAIN_RPC_URLS", chain.rpcUrl());
            env.put("ORE_CHAIN_CHAIN_ID", Long.toString(chain.chainId()));
            env.put("ORE_CHAIN_TOKEN_ADDRESS", chain.tokenAddress());
            // anvil's public development key: the treasury of a throw-away chain, never a real one.
            env.put("ORE_CHAIN_SIGNER_KIND", "local");
            env.put("ORE_CHAIN_SIGNER_ALLOW_LOCAL_KEY", "true");
            env.put("ORE_CHAIN_SIGNER_PRIVATE_KEY", chain.treasuryKey());
        }
        if (triton.isPresent() && spec.name().equals("location")) {
            env.put("ORE_LOCATION_ANTICHEAT_MODEL", "triton");
            env.put("ORE_INFERENCE_TARGET", triton.get());
        }
        if (chain != null && spec.name().equals("auth")) {
            // Wallets sign in (SIWE) for the chain payouts go to, and for Amoy as the game client would.
            env.put("ORE_AUTH_SIWE_CHAIN_IDS", chain.chainId() + ",80002");
        }
        if (otelEndpoint.isPresent()) {
            // Every service exports its spans to the same collector (docs/operations.md "Tracing"),
            // every second rather than every five: a local trace should show up while you look.
            env.put("ORE_OTEL_ENDPOINT", otelEndpoint.get());
            env.put("ORE_OTEL_ENVIRONMENT", "local");
            env.put("OTEL_BSP_SCHEDULE_DELAY", "1000");
        }
        env.putAll(spec.extraEnv());
        return env;
    }

    private static String local(int port) {
        return "http://127.0.0.1:" + port;
    }
}
