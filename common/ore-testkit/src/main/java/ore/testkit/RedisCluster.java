package ore.testkit;

import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Redis Cluster of three masters (no replicas) started from the machine's {@code redis-server}
 * for one test class: ElastiCache Serverless in cluster mode is what production runs, and sharded
 * pub/sub, slot routing and cross-slot rules only show on a cluster. Each node runs in its own
 * directory under a temporary folder; {@link #close()} stops them and deletes it.
 *
 * <p>Needs {@code redis-server} and {@code redis-cli} (Redis 7) on the PATH; without them it fails
 * with a clear message, never skips. Process output goes to files (no pipes to drain).
 */
public final class RedisCluster implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private final Path dir;
    private final List<Process> nodes = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();

    private RedisCluster(Path dir) {
        this.dir = dir;
    }

    /** Starts three masters on free ports and joins them into one cluster covering all 16384 slots. */
    public static RedisCluster start() {
        Path dir;
        try {
            dir = Files.createTempDirectory("ore-redis-cluster-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RedisCluster cluster = new RedisCluster(dir);
        // A JVM killed mid-run must not leave redis-server processes behind.
        Thread reaper = new Thread(() -> cluster.nodes.forEach(Process::destroyForcibly), "ore-redis-cluster-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        try {
            cluster.launch();
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void launch() {
        for (int i = 0; i < 3; i++) {
            int port = freePort();
            Path nodeDir = dir.resolve("node-" + port);
            try {
                Files.createDirectories(nodeDir);
                nodes.add(new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                        "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                        "--cluster-node-timeout", "5000", "--save", "", "--appendonly", "no",
                        "--dir", nodeDir.toString(), "--daemonize", "no")
                        .redirectErrorStream(true).redirectOutput(nodeDir.resolve("redis.log").toFile()).start());
            } catch (IOException e) {
                throw new InfrastructureUnavailableException("redis-server (for a Redis Cluster)",
                        List.of("redis-server on the PATH: " + e.getMessage()),
                        "install Redis 7 (apt-get install redis-server)");
            }
            ports.add(port);
        }
        for (int port : ports) {
            awaitPing(port);
        }
        List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        ports.forEach(p -> create.add("127.0.0.1:" + p));
        create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        run(create, "create the cluster");
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!ports.stream().allMatch(p -> run(List.of("redis-cli", "-p", Integer.toString(p), "cluster", "info"),
                "read cluster info").contains("cluster_state:ok"))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Redis Cluster on " + ports + " not ok after " + READY_TIMEOUT);
            }
            pause(200);
        }
    }

    /** Node URIs for {@code redis.uris} (comma-separated), as a service in cluster mode is given. */
    public String uris() {
        return ports.stream().map(p -> "redis://127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    public List<RedisURI> redisUris() {
        return ports.stream().map(p -> RedisURI.create("127.0.0.1", p)).toList();
    }

    /** A Lettuce cluster client on this cluster (the caller shuts it down). */
    public RedisClusterClient client() {
        return RedisClusterClient.create(redisUris());
    }

    public List<Integer> ports() {
        return List.copyOf(ports);
    }

    private void awaitPing(int port) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!run(List.of("redis-cli", "-p", Integer.toString(port), "ping"), "ping a node").contains("PONG")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server on " + port + " did not answer within " + READY_TIMEOUT
                        + "; see " + dir.resolve("node-" + port).resolve("redis.log"));
            }
            pause(100);
        }
    }

    /** Runs a short redis-cli command (a platform thread waits; output to a file, then read). */
    private String run(List<String> command, String what) {
        try {
            Path out = Files.createTempFile(dir, "cli-", ".out");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("redis-cli did not " + what + " within 30 s");
            }
            String text = Files.readString(out);
            Files.deleteIfExists(out);
            if (process.exitValue() != 0 && !what.startsWith("ping")) {
                throw new IllegalStateException("redis-cli could not " + what + ": " + text);
            }
            return text;
        } catch (IOException e) {
            throw new InfrastructureUnavailableException("redis-cli (for a Redis Cluster)",
                    List.of("redis-cli on the PATH: " + e.getMessage()), "install Redis 7 (apt-get install redis-tools)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        nodes.forEach(Process::destroy);
        for (Process node : nodes) {
            try {
                if (!node.waitFor(10, TimeUnit.SECONDS)) {
                    node.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp folder is harmless
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
