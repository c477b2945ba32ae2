package ore.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
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
    private static final String BROKER_DIR_PREFIX = "ore-testkit-kafka-";

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
        // The broker's own directory, deleted by the kit after the broker has stopped. Left to itself,
        // KafkaClusterTestKit takes a temp directory that Kafka deletes from a JVM shutdown hook of its
        // own, which races our hook stopping the broker: the broker then fails on a vanished log at JVM
        // exit and surefire reports "Error occurred in starting fork" after every test passed.
        sweepOldBrokerDirectories();
        Path dir = Files.createTempDirectory(BROKER_DIR_PREFIX);
        // The test kit would otherwise bootstrap the newest, still unstable metadata version; tests
        // should see what a released broker does.
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setBaseDirectory(dir)
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
            closeQuietly(cluster, dir);
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(cluster, dir), "ore-testkit-kafka-stop"));
        return cluster.bootstrapServers();
    }

    /** Broker directories of JVMs that were killed (no hook ran) are removed once a day old. */
    private static void sweepOldBrokerDirectories() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long cutoff = System.currentTimeMillis() - Duration.ofDays(1).toMillis();
        try (Stream<Path> entries = Files.list(tmp)) {
            entries.filter(p -> p.getFileName().toString().startsWith(BROKER_DIR_PREFIX))
                    .filter(p -> {
                        try {
                            return Files.getLastModifiedTime(p).toMillis() < cutoff;
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .forEach(KafkaProvider::deleteQuietly);
        } catch (IOException e) {
            // nothing to sweep
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("ore-testkit: could not delete " + dir + ": " + Env.describe(e));
        }
    }

    private static void closeQuietly(KafkaClusterTestKit cluster, Path dir) {
        try {
            cluster.close();
        } catch (Exception e) {
            System.err.println("ore-testkit: stopping the in-process Kafka broker failed: " + Env.describe(e));
        }
        deleteQuietly(dir);
    }
}
