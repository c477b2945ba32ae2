package ore.local.service;

import java.util.LinkedHashMap;
import java.util.Map;
import ore.local.infra.Endpoints;

/**
 * The configuration a service gets, as environment variables the Micronaut way (a property's dots and
 * dashes become underscores, upper case): the same twelve-factor channel ECS uses in production.
 */
public record ServiceEnvironment(Endpoints.Postgres postgres, Endpoints.Redis redis, Endpoints.Kafka kafka) {

    public Map<String, String> forService(ServiceSpec spec) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MICRONAUT_SERVER_PORT", Integer.toString(spec.port()));
        env.put("DATASOURCES_DEFAULT_URL", postgres.jdbcUrl());
        env.put("DATASOURCES_DEFAULT_USERNAME", postgres.user());
        env.put("DATASOURCES_DEFAULT_PASSWORD", postgres.password());
        env.put("REDIS_URI", redis.uri());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        // Every service sits behind the router, which appends the client's address to X-Forwarded-For
        // like the ALB does; per-IP rate limits must read that entry, not the router's own address.
        env.put("ORE_RATE_LIMIT_TRUSTED_PROXIES", "1");
        env.put("LOG_LEVEL", "INFO");
        env.putAll(spec.extraEnv());
        return env;
    }
}
