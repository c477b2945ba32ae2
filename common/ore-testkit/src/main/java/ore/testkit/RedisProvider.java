package ore.testkit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Finds a Redis server once per JVM (environment, local server, Testcontainers) and hands out its
 * logical databases 1..15, each flushed on hand-out. Database 0 is never flushed, so a developer's
 * own data on a local server is safe; it only holds the kit's leases.
 *
 * <p>Several test JVMs share one server (a parallel reactor build, two checkouts on one machine), so
 * a database is leased before it is flushed: {@code SET ore-testkit:lease:<n> <owner> NX PX}, renewed
 * by a heartbeat while held, released when the test class finishes ({@link ClassScope}). A JVM that
 * dies stops renewing and its leases expire within {@link #LEASE_TTL}. When all fifteen are leased
 * the caller waits for one, up to {@link #WAIT_FOR_LEASE}.
 */
final class RedisProvider {

    private static final String LOCAL_URI = "redis://127.0.0.1:6379";
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    static final Duration LEASE_TTL = Duration.ofSeconds(90);
    static final Duration WAIT_FOR_LEASE = Duration.ofMinutes(5);
    private static final String LEASE_KEY = "ore-testkit:lease:";
    private static final String RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
    private static final String RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('del', KEYS[1]) else return 0 end";

    private static String baseUri;
    private static RuntimeException failure;
    private static final String OWNER = ProcessHandle.current().pid() + "-" + UUID.randomUUID();
    private static final Set<Integer> held = new HashSet<>();
    private static Thread heartbeat;

    private RedisProvider() {
    }

    static RedisDb newDatabase() {
        String base = baseUri();
        long deadline = System.nanoTime() + WAIT_FOR_LEASE.toNanos();
        while (true) {
            Integer index = tryLease(base);
            if (index != null) {
                String uri = withDatabase(base, index);
                withClient(uri, c -> c.sync().flushdb());
                ClassScope.onRelease(() -> release(base, index));
                return new RedisDb(uri, index);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("ore-testkit: all 15 Redis test databases of " + redact(base)
                        + " stayed leased for " + WAIT_FOR_LEASE.toMinutes() + " min (keys " + LEASE_KEY
                        + "* in database 0). Too many test JVMs at once, or delete the keys if none runs.");
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("ore-testkit: interrupted waiting for a Redis test database", e);
            }
        }
    }

    /** Leases a free database 1..15 (starting at a random one), or returns null when all are taken. */
    private static Integer tryLease(String base) {
        int start = ThreadLocalRandom.current().nextInt(15);
        Integer[] won = {null};
        withClient(withDatabase(base, 0), c -> {
            for (int i = 0; i < 15 && won[0] == null; i++) {
                int index = 1 + (start + i) % 15;
                String ok = c.sync().set(LEASE_KEY + index, OWNER, SetArgs.Builder.nx().px(LEASE_TTL.toMillis()));
                if ("OK".equals(ok)) {
                    won[0] = index;
                }
            }
        });
        if (won[0] != null) {
            synchronized (held) {
                held.add(won[0]);
                startHeartbeat(base);
            }
        }
        return won[0];
    }

    private static void release(String base, int index) {
        synchronized (held) {
            held.remove(index);
        }
        withClient(withDatabase(base, 0), c -> c.sync().eval(RELEASE, ScriptOutputType.INTEGER,
                new String[] {LEASE_KEY + index}, OWNER));
    }

    /** Renews this JVM's leases every third of their lifetime; a daemon, so it never holds the JVM up. */
    private static void startHeartbeat(String base) {
        if (heartbeat != null) {
            return;
        }
        heartbeat = Thread.ofPlatform().daemon().name("ore-testkit-redis-lease").start(() -> {
            while (true) {
                try {
                    Thread.sleep(LEASE_TTL.toMillis() / 3);
                    List<Integer> mine;
                    synchronized (held) {
                        mine = List.copyOf(held);
                    }
                    if (!mine.isEmpty()) {
                        withClient(withDatabase(base, 0), c -> mine.forEach(index -> c.sync().eval(RENEW,
                                ScriptOutputType.INTEGER, new String[] {LEASE_KEY + index}, OWNER,
                                Long.toString(LEASE_TTL.toMillis()))));
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    Env.announce("renewing Redis test database leases failed: " + Env.describe(e));
                }
            }
        });
    }

    /** The base URI (scheme, credentials, host, port, query) with the path set to the index. */
    static String withDatabase(String base, int index) {
        URI u = URI.create(base);
        String auth = u.getRawUserInfo() == null ? "" : u.getRawUserInfo() + "@";
        int port = u.getPort() == -1 ? 6379 : u.getPort();
        String query = u.getRawQuery() == null ? "" : "?" + u.getRawQuery();
        return u.getScheme() + "://" + auth + u.getHost() + ":" + port + "/" + index + query;
    }

    private static String baseUri() {
        if (baseUri != null) {
            return baseUri;
        }
        if (failure != null) {
            throw failure;
        }
        List<String> tried = new ArrayList<>();
        try {
            baseUri = fromEnv(tried);
            if (baseUri == null) {
                baseUri = fromLocalServer(tried);
            }
            if (baseUri == null) {
                baseUri = fromTestcontainers(tried);
            }
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        }
        if (baseUri == null) {
            failure = new InfrastructureUnavailableException("Redis", tried,
                    "start Redis 7 on 127.0.0.1:6379 (e.g. `sudo service redis-server start`), or start Docker "
                            + "so Testcontainers can run redis:7, or set ORE_TEST_REDIS_URI (e.g. redis://host:6379).");
            throw failure;
        }
        return baseUri;
    }

    private static String fromEnv(List<String> tried) {
        var uri = Env.get("ORE_TEST_REDIS_URI");
        if (uri.isEmpty()) {
            tried.add("ORE_TEST_REDIS_URI: not set");
            return null;
        }
        try {
            ping(uri.get());
        } catch (RuntimeException e) {
            throw new IllegalStateException("ore-testkit: ORE_TEST_REDIS_URI=" + redact(uri.get())
                    + " is set but does not answer PING: " + Env.describe(e), e);
        }
        Env.announce("Redis from ORE_TEST_REDIS_URI " + redact(uri.get()));
        return uri.get();
    }

    private static String fromLocalServer(List<String> tried) {
        try {
            ping(LOCAL_URI);
        } catch (RuntimeException e) {
            tried.add("local server 127.0.0.1:6379: " + Env.describe(e));
            return null;
        }
        Env.announce("Redis from local server 127.0.0.1:6379");
        return LOCAL_URI;
    }

    private static String fromTestcontainers(List<String> tried) {
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            docker = false;
        }
        if (!docker) {
            tried.add("Testcontainers redis:7: no Docker engine available");
            return null;
        }
        var container = new GenericContainer<>(DockerImageName.parse("redis:7")).withExposedPorts(6379);
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "ore-testkit-redis-container"));
        String uri = "redis://" + container.getHost() + ":" + container.getMappedPort(6379);
        Env.announce("Redis from Testcontainers " + uri);
        return uri;
    }

    private static void ping(String uri) {
        withClient(uri, c -> c.sync().ping());
    }

    /** A short-lived client: Lettuce handles TLS ({@code rediss://}) and AUTH the same way services do. */
    private static void withClient(String uri, Consumer<StatefulRedisConnection<String, String>> action) {
        RedisURI redisUri = RedisURI.create(uri);
        redisUri.setTimeout(TIMEOUT);
        RedisClient client = RedisClient.create();
        client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(TIMEOUT).build())
                .build());
        try (var connection = client.connect(redisUri)) {
            action.accept(connection);
        } finally {
            client.shutdown(Duration.ZERO, TIMEOUT);
        }
    }

    private static String redact(String uri) {
        return uri.replaceAll("//[^@/]*@", "//***@");
    }
}
