package ore.local.infra;

import java.io.IOException;
import ore.local.Console;
import ore.local.Resources;
import ore.local.StartupException;
import redis.embedded.RedisServer;

/**
 * Redis for the services: the one {@code ORE_LOCAL_REDIS_URL} names (a Redis 7 of your own, e.g.
 * {@code redis://10.0.0.5:6379} or {@code rediss://:password@host:6379}), else the one on
 * 127.0.0.1:6379 when it answers PING, else an embedded Redis 6.2 on 6380 (no persistence:
 * everything the services keep in Redis is a cache or short-lived state).
 * DB index 0 is shared; every service prefixes its keys (docs/contracts.md).
 */
public final class LocalRedis {

    static final int RUNNING_PORT = 6379;
    static final int EMBEDDED_PORT = 6380;

    private final LocalEnv env;
    private final Console console;

    public LocalRedis(LocalEnv env, Console console) {
        this.env = env;
        this.console = console;
    }

    public Endpoints.Redis start(Resources resources) throws StartupException {
        var external = env.get("ORE_LOCAL_REDIS_URL");
        if (external.isPresent()) {
            return external(external.get());
        }
        String why;
        if (env.forcesEmbedded("redis")) {
            why = "ORE_LOCAL_EMBEDDED names redis";
        } else if (Probe.redisPong("127.0.0.1", RUNNING_PORT)) {
            return new Endpoints.Redis("redis://127.0.0.1:" + RUNNING_PORT, "running server");
        } else {
            why = "no Redis answers PING on 127.0.0.1:" + RUNNING_PORT;
        }
        if (Probe.answers("127.0.0.1", EMBEDDED_PORT)) {
            throw new StartupException(why + ", and 127.0.0.1:" + EMBEDDED_PORT
                    + " (the embedded Redis's port) is taken: a Redis left over from an earlier run? Stop it.");
        }
        console.say(why + ": starting an embedded Redis on " + EMBEDDED_PORT);
        RedisServer redis;
        try {
            redis = RedisServer.newRedisServer()
                    .port(EMBEDDED_PORT)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    // Resources stops it after the services; a hook of its own would race them.
                    .onShutdownForceStop(false)
                    .build();
            redis.start();
        } catch (IOException | RuntimeException e) {
            throw new StartupException("the embedded Redis did not start: " + LocalPostgres.rootMessage(e), e);
        }
        resources.add("embedded Redis", redis::stop);
        return new Endpoints.Redis("redis://127.0.0.1:" + EMBEDDED_PORT, "embedded Redis 6.2");
    }

    /** A Redis of the user's: checked for an answer, never started or stopped by us. */
    static Endpoints.Redis external(String url) throws StartupException {
        java.net.URI uri;
        try {
            uri = java.net.URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new StartupException("ORE_LOCAL_REDIS_URL is not a URL: '" + url + "'");
        }
        if (!("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new StartupException("ORE_LOCAL_REDIS_URL must look like redis://host:6379 or rediss://:password@host:6379, not '"
                    + url + "'");
        }
        int port = uri.getPort() < 0 ? RUNNING_PORT : uri.getPort();
        // Without TLS or a password it must answer PING; otherwise a TCP connection is all we can check here.
        boolean plain = "redis".equals(uri.getScheme()) && uri.getUserInfo() == null;
        if (plain ? !Probe.redisPong(uri.getHost(), port) : !Probe.answers(uri.getHost(), port)) {
            throw new StartupException("ORE_LOCAL_REDIS_URL: nothing answers on " + uri.getHost() + ":" + port);
        }
        return new Endpoints.Redis(url, "external (ORE_LOCAL_REDIS_URL)");
    }
}
