package ore.local.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import ore.local.Resources;
import ore.local.StartupException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node KRaft Kafka broker inside the launcher's JVM, with the topics of docs/contracts.md.
 * Always started, never reused: there is no standard local Kafka to find, and an in-process one starts
 * in seconds. Its log is thrown away on stop, like an event bus between test runs.
 */
public final class LocalKafka {

    /** docs/contracts.md; production has replication 3, a single local node can only have 1. */
    public static final List<String> TOPICS = List.of(
            "ore.location.tracked", "ore.game.events", "ore.rewards.requested",
            "ore.rewards.settled", "ore.chain.events", "ore.user.lifecycle", "ore.location.cheat");
    static final int PARTITIONS = 3;
    private static final long ADMIN_TIMEOUT_MS = 30_000;

    private final Path dataDir;

    /**
     * @param dataDir where the broker keeps its log while it runs; emptied at start and deleted at stop.
     *                Not a temp directory of the kit's choosing: the kit deletes those from a JVM shutdown
     *                hook of its own, which would pull the log from under the broker while it stops.
     */
    public LocalKafka(Path dataDir) {
        this.dataDir = dataDir;
    }

    /**
     * A Kafka of the user's ({@code ORE_LOCAL_KAFKA_BOOTSTRAP}, e.g. {@code 10.0.0.5:9092}, no TLS or
     * SASL): the topics are created there when missing, and nothing is started or deleted.
     */
    public static Endpoints.Kafka external(String bootstrap) throws StartupException {
        if (!bootstrap.matches("[A-Za-z0-9_.:\\[\\]-]+(,[A-Za-z0-9_.:\\[\\]-]+)*")) {
            throw new StartupException("ORE_LOCAL_KAFKA_BOOTSTRAP must be host:port[,host:port...], not '" + bootstrap + "'");
        }
        createTopics(bootstrap);
        return new Endpoints.Kafka(bootstrap, "external (ORE_LOCAL_KAFKA_BOOTSTRAP)");
    }

    public Endpoints.Kafka start(Resources resources) throws StartupException {
        KafkaClusterTestKit cluster;
        try {
            deleteRecursively(dataDir); // a log left by a killed run; the directory is named after our router port, which we hold
            Files.createDirectories(dataDir);
            cluster = build(dataDir);
        } catch (Exception e) {
            throw new StartupException("could not configure the in-process Kafka broker: " + LocalPostgres.rootMessage(e), e);
        }
        resources.add("Kafka", cluster);
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            throw new StartupException("the in-process Kafka broker did not start: " + LocalPostgres.rootMessage(e), e);
        }
        String bootstrap = cluster.bootstrapServers();
        createTopics(bootstrap);
        return new Endpoints.Kafka(bootstrap, "in-process KRaft, " + TOPICS.size() + " topics x " + PARTITIONS + " partitions");
    }

    private static KafkaClusterTestKit build(Path dataDir) throws Exception {
        // Pin the released metadata version; the kit would otherwise bootstrap the newest, unstable one.
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .setBaseDirectory(dataDir)
                .build();
        // Internal topics default to replication factor 3, which one node never satisfies: consumer
        // groups and transactions would hang waiting for them.
        return new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "5")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setDeleteOnClose(true)
                .build();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void createTopics(String bootstrap) throws StartupException {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT_MS))) {
            Set<String> existing = admin.listTopics().names().get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            List<NewTopic> missing = TOPICS.stream()
                    .filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, Optional.of(PARTITIONS), Optional.empty()))
                    .toList();
            admin.createTopics(missing).all().get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new StartupException("creating the Kafka topics failed: " + LocalPostgres.rootMessage(e), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while creating the Kafka topics", e);
        } catch (TimeoutException e) {
            throw new StartupException("creating the Kafka topics timed out after " + ADMIN_TIMEOUT_MS + " ms", e);
        }
    }
}
