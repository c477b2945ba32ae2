package ore.realtime.support;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import ore.testkit.RedisDb;

/** Starts realtime-engine instances in this JVM, each with its own port, sharing one Redis DB. */
public final class Engines {

    private Engines() {
    }

    /** Settings for tests: fast timers so behaviour shows within seconds. */
    public static Map<String, String> properties(Peers peers, RedisDb redis, Map<String, String> overrides) {
        var props = new HashMap<String, String>(peers.properties());
        props.put("redis.uri", redis.uri());
        props.put("ore.realtime.kafka.enabled", "false");
        props.put("kafka.enabled", "false");
        props.put("ore.realtime.emf-interval", "0s");
        props.put("ore.realtime.linger", "5s");
        props.put("ore.realtime.presence-ttl", "3s");
        props.put("ore.realtime.history-size", "20");
        props.put("ore.realtime.connection.reconnect-min", "1s");
        props.put("ore.realtime.connection.reconnect-max", "3s");
        props.put("ore.realtime.connection.drain-timeout", "3s");
        props.put("micronaut.lifecycle.graceful-shutdown.grace-period", "5s");
        props.putAll(overrides);
        return props;
    }

    public static EmbeddedServer start(Map<String, String> properties) {
        var props = new HashMap<String, Object>(properties);
        props.put("micronaut.server.port", Integer.toString(freePort()));
        ApplicationContext context = ApplicationContext.builder().properties(props).environments("test").start();
        EmbeddedServer server = context.getBean(EmbeddedServer.class);
        server.start();
        return server;
    }

    public static String wsUrl(EmbeddedServer server) {
        return "ws://127.0.0.1:" + server.getPort() + "/ws";
    }

    public static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
