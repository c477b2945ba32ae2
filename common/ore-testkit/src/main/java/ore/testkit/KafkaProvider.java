package ore.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * One real Kafka broker per test JVM: {@code ORE_TEST_KAFKA_BOOTSTRAP} when set, else an in-process
 * KRaft node (combined broker and controller) started on first use and closed at JVM exit.
 * Tests share it, so each test should use its own topic names.
 */
final class KafkaProvider {

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private static String bootstrap;
    private static RuntimeException failure;

    private KafkaProvider() {
    }

    static synchronized String bootstrapServers() {
        if (bootstrap != null) {
            return bootstrap;
        }
        if (failure != null) {
            throw failure;
        }
        var fromEnv = Env.get("ORE_TEST_KAFKA_BOOTSTRAP");
        if (fromEnv.isPresent()) {
            bootstrap = fromEnv.get();
            Env.announce("Kafka from ORE_TEST_KAFKA_BOOTSTRAP " + bootstrap);
            return bootstrap;
        }
        try {
            bootstrap = startInProcess();
        } catch (Exception e) {
            failure = new InfrastructureUnavailableException("Kafka",
                    List.of("ORE_TEST_KAFKA_BOOTSTRAP: not set", "in-process KRaft broker: " + Env.describe(e)),
                    "see the cause below; or set ORE_TEST_KAFKA_BOOTSTRAP to a running broker (host:port).");
            failure.initCause(e);
            throw failure;
        }
        Env.announce("Kafka from in-process KRaft broker " + bootstrap);
        return bootstrap;
    }

    static String createTopic(String name, int partitions) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis()))) {
            // No replication factor: the broker default fits both the single in-process node and a real cluster.
            admin.createTopics(List.of(new NewTopic(name, Optional.of(partitions), Optional.empty())))
                    .all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("ore-testkit: could not create topic " + name, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("ore-testkit: interrupted creating topic " + name, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("ore-testkit: timed out creating topic " + name, e);
        }
        return name;
    }

    private static String startInProcess() throws Exception {
        // The test kit would otherwise bootstrap the newest, still unstable metadata version; tests
        // should see what a released broker does.
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .build();
        // Internal topics default to replication factor 3, which a single node can never satisfy:
        // consumer groups and transactions would hang waiting for them.
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "5")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setDeleteOnClose(true)
                .build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            closeQuietly(cluster);
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(cluster), "ore-testkit-kafka-stop"));
        return cluster.bootstrapServers();
    }

    private static void closeQuietly(KafkaClusterTestKit cluster) {
        try {
            cluster.close();
        } catch (Exception e) {
            System.err.println("ore-testkit: stopping the in-process Kafka broker failed: " + Env.describe(e));
        }
    }
}
