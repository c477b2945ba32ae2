package ore.testkit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Finds a Redis server once per JVM (environment, local server, Testcontainers) and hands out its
 * logical databases 1..15 round-robin, each flushed on hand-out. Database 0 is left alone so a
 * developer's own data on a local server is never flushed. Test classes run one after another in a
 * JVM, so reuse after 15 classes is safe.
 */
final class RedisProvider {

    private static final String LOCAL_URI = "redis://127.0.0.1:6379";
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private static String baseUri;
    private static RuntimeException failure;
    /**
     * Starts at a random index so that two test JVMs on one machine (parallel builds of different
     * checkouts) rarely hand out the same database at the same time.
     */
    private static int handedOut = new SecureRandom().nextInt(15);

    private RedisProvider() {
    }

    static synchronized RedisDb newDatabase() {
        String base = baseUri();
        int index = 1 + (handedOut++ % 15);
        String uri = withDatabase(base, index);
        withClient(uri, c -> c.sync().flushdb());
        return new RedisDb(uri, index);
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
