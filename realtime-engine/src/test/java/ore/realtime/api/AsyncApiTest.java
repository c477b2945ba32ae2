package ore.realtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.uber.h3core.H3Core;
import io.lettuce.core.RedisClient;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import ore.realtime.app.Engine;
import ore.realtime.support.Engines;
import ore.realtime.support.Peers;
import ore.realtime.support.WsClient;
import ore.testkit.OreInfra;
import ore.testkit.RedisDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;

/**
 * The AsyncAPI document (src/main/resources/asyncapi/realtime.yaml) against a real server: every
 * frame a scenario touching each request, answer and push kind receives must validate against
 * {@code ServerFrame}, every request it sends against {@code ClientRequest}, and the schemas must
 * reject frames that break the shape.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AsyncApiTest {

    static final JsonMapper JSON = JsonMapper.createDefault();

    Peers peers;
    RedisDb redisDb;
    EmbeddedServer engine;
    Map<String, Object> document;
    Schema serverFrame;
    Schema clientRequest;

    @BeforeAll
    void start() throws Exception {
        peers = new Peers();
        redisDb = OreInfra.redis();
        engine = Engines.start(Engines.properties(peers, redisDb, Map.of()));
        try (InputStream in = getClass().getResourceAsStream("/asyncapi/realtime.yaml")) {
            document = new Yaml().load(in);
        }
        serverFrame = schema("ServerFrame");
        clientRequest = schema("ClientRequest");
    }

    @AfterAll
    void stop() {
        if (engine.isRunning()) {
            engine.getApplicationContext().close();
        }
        peers.close();
    }

    /** The whole document as a JSON Schema whose root refers to one of its component schemas. */
    Schema schema(String name) throws Exception {
        var root = new LinkedHashMap<String, Object>(document);
        root.put("$ref", "#/components/schemas/" + name);
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(JSON.writeValueAsString(root), InputFormat.JSON);
    }

    static List<String> errors(Schema schema, String frame) {
        return schema.validate(frame, InputFormat.JSON).stream().map(Object::toString).toList();
    }

    @Test
    void isAnAsyncApi3DocumentListingEveryMessage() {
        assertThat(document).containsEntry("asyncapi", "3.0.0");
        @SuppressWarnings("unchecked")
        var messages = (Map<String, Object>) ((Map<String, Object>) document.get("components")).get("messages");
        assertThat(messages.keySet()).containsExactlyInAnyOrder("auth", "subscribe", "unsubscribe", "publish", "presence",
                "history", "ping", "refresh", "connected", "result", "error", "push", "disconnect");
    }

    @Test
    void framesOfARealServerMatchTheDocument() throws Exception {
        var received = new ArrayList<String>();
        var sent = new ArrayList<String>();
        UUID alice = UUID.randomUUID();
        String cell = H3Core.newInstance().latLngToCellAddress(48.85, 2.35, 9);
        peers.placePlayer(alice, cell);
        int before = WsClient.RECEIVED.size();
        int sentBefore = WsClient.SENT.size();
        String url = Engines.wsUrl(engine);
        var redisClient = RedisClient.create(redisDb.uri());
        try (var redis = redisClient.connect();
             var viaProtocol = WsClient.player(url, peers.token(alice));
             var viaFrame = WsClient.connect(url)) {
            viaFrame.call("auth", Map.of("token", peers.token(UUID.randomUUID())));
            var sub = viaProtocol.subscribe("cell:" + cell);
            viaProtocol.call("publish", Map.of("channel", "cell:" + cell, "data", Map.of("emote", "wave")));
            viaProtocol.await(f -> "push".equals(f.get("type")));
            redis.sync().spublish("rt:player:" + alice, "{\"type\":\"inventory.changed\",\"at\":\"2026-01-01T00:00:00Z\","
                    + "\"ore\":\"iron\",\"balance\":3,\"delta\":1,\"reason\":\"mined\"}");
            viaProtocol.subscribe("player:" + alice);
            viaProtocol.call("history", Map.of("channel", "cell:" + cell, "limit", 10));
            viaProtocol.call("presence", Map.of("channel", "cell:" + cell));
            viaProtocol.call("unsubscribe", Map.of("channel", "cell:" + cell));
            viaProtocol.call("subscribe", Map.of("channel", "cell:" + cell, "offset", 0, "epoch", sub.get("epoch")));
            viaProtocol.call("ping");
            viaProtocol.call("refresh", Map.of("token", peers.token(alice)));
            viaProtocol.call("subscribe", Map.of("channel", "player:" + UUID.randomUUID()));
            viaProtocol.call("subscribe", Map.of("channel", "lobby"));
            viaProtocol.call("history", Map.of("channel", "global"));
            viaProtocol.sendText("{\"type\":\"ping\"}");
            viaProtocol.await(f -> "bad_request".equals(f.get("code")));

            engine.getApplicationContext().getBean(Engine.class).drain();
            viaProtocol.awaitClosed();
            viaProtocol.await(f -> "disconnect".equals(f.get("type")));
        } finally {
            redisClient.shutdown();
        }
        received.addAll(WsClient.RECEIVED.subList(before, WsClient.RECEIVED.size()));
        sent.addAll(WsClient.SENT.subList(sentBefore, WsClient.SENT.size()));

        Set<String> kinds = received.stream().map(f -> (String) WsClient.parse(f).get("type")).collect(Collectors.toSet());
        assertThat(kinds).containsExactlyInAnyOrder("connected", "result", "error", "push", "disconnect");
        for (String frame : received) {
            assertThat(errors(serverFrame, frame)).as(frame).isEmpty();
        }
        for (String frame : sent) {
            // The scenario sends two frames that break the protocol on purpose; the document must say so too.
            boolean broken = frame.equals("{\"type\":\"ping\"}") || frame.contains("\"lobby\"");
            assertThat(errors(clientRequest, frame).isEmpty()).as(frame).isEqualTo(!broken);
        }
    }

    @Test
    void theSchemasRejectFramesThatBreakTheShape() {
        assertThat(errors(serverFrame, "{\"type\":\"push\",\"channel\":\"global\",\"offset\":1,\"epoch\":\"e\"}")).isNotEmpty();
        assertThat(errors(serverFrame, "{\"type\":\"push\",\"channel\":\"global\",\"offset\":1,\"epoch\":\"e\",\"data\":{}}"))
                .as("data without type and at").isNotEmpty();
        assertThat(errors(serverFrame, "{\"id\":1,\"type\":\"error\",\"code\":\"oops\",\"message\":\"m\"}")).isNotEmpty();
        assertThat(errors(serverFrame, "{\"id\":1,\"type\":\"result\",\"surprise\":true}")).isNotEmpty();
        assertThat(errors(clientRequest, "{\"id\":1,\"type\":\"subscribe\",\"channel\":\"lobby\"}")).isNotEmpty();
        assertThat(errors(clientRequest, "{\"id\":0,\"type\":\"ping\"}")).isNotEmpty();
        assertThat(errors(clientRequest, "{\"id\":1,\"type\":\"ping\"}")).isEmpty();
    }
}
