package ore.chain.testing;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import ore.testkit.Need;
import ore.testkit.OreInfra;

/**
 * chain-gateway as it runs in production (HTTP server, Kafka consumer, outbox relay, workers) on a
 * real PostgreSQL database, Kafka broker and anvil node, which a test can stop and start again on the
 * same database: a restart, as after a crash or a deployment.
 */
public final class GatewayHarness implements AutoCloseable {

    private final Map<String, Object> properties = new HashMap<>();
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private EmbeddedServer server;

    /** {@code rpcUrls}: comma-separated, primary first. */
    public GatewayHarness(String rpcUrls, String tokenAddress, Map<String, Object> overrides) {
        properties.putAll(OreInfra.micronautProperties(Need.POSTGRES, Need.KAFKA));
        properties.put("micronaut.server.port", -1);
        properties.put("ore.chain.chain-id", AnvilNode.CHAIN_ID);
        properties.put("ore.chain.token-address", tokenAddress);
        properties.put("ore.chain.rpc.urls", rpcUrls);
        properties.put("ore.chain.rpc.timeout", "2s");
        properties.put("ore.chain.rpc.breaker-open-for", "60s");
        properties.put("ore.chain.signer.kind", "local");
        properties.put("ore.chain.signer.allow-local-key", true);
        properties.put("ore.chain.signer.private-key", AnvilNode.KEY_0);
        properties.put("ore.chain.payouts.poll-interval", "100ms");
        properties.put("ore.chain.payouts.treasury-refresh", "300ms");
        properties.put("ore.chain.payouts.min-priority-fee", "1000000000");
        properties.put("ore.chain.indexer.poll-interval", "100ms");
        properties.put("ore.chain.indexer.confirm-depth", 3);
        properties.put("ore.chain.topics.requested", requestedTopic());
        properties.put("ore.chain.topics.settled", settledTopic());
        properties.put("ore.chain.topics.chain-events", chainEventsTopic());
        properties.put("ore.chain.kafka.group-id", "chain-gateway-" + suffix);
        properties.put("ore.outbox.poll-interval", "50ms");
        properties.put("micronaut.lifecycle.graceful-shutdown.grace-period", "3s");
        properties.putAll(overrides);
        OreInfra.createTopic(requestedTopic(), 3);
        OreInfra.createTopic(settledTopic(), 3);
        OreInfra.createTopic(chainEventsTopic(), 3);
    }

    public String requestedTopic() {
        return "t" + suffix + ".ore.rewards.requested";
    }

    public String settledTopic() {
        return "t" + suffix + ".ore.rewards.settled";
    }

    public String chainEventsTopic() {
        return "t" + suffix + ".ore.chain.events";
    }

    public GatewayHarness start() {
        if (server != null) {
            throw new IllegalStateException("already running");
        }
        server = ApplicationContext.run(EmbeddedServer.class, properties, "test");
        return this;
    }

    /** Stops the service as SIGTERM would: the workers finish their tick, the relay its batch. */
    public void stop() {
        if (server != null) {
            server.getApplicationContext().close();
            server = null;
        }
    }

    public <T> T bean(Class<T> type) {
        return server.getApplicationContext().getBean(type);
    }

    public String url() {
        return server.getURL().toString();
    }

    public boolean running() {
        return server != null;
    }

    @Override
    public void close() {
        stop();
    }
}
