package ore.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP trace receiver in the test's JVM: what a collector at {@code ORE_OTEL_ENDPOINT} gets
 * from the services, decoded with the OpenTelemetry protocol's own classes ({@code POST /v1/traces},
 * protobuf, optionally gzip). Spans are kept in arrival order for the test to inspect.
 */
final class OtlpReceiver implements AutoCloseable {

    /** One received span, flattened: ids in lower-case hex, attributes as strings. */
    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
                        String kind, Map<String, String> attributes) {

        String attribute(String key) {
            return attributes.getOrDefault(key, "");
        }

        @Override
        public String toString() {
            return service + " " + kind + " '" + name + "' trace=" + traceId + " span=" + spanId
                    + " parent=" + parentSpanId;
        }
    }

    private static final HexFormat HEX = HexFormat.of();

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new ArrayList<>();
    private final List<String> rejected = new ArrayList<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    static OtlpReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        OtlpReceiver receiver = new OtlpReceiver(server);
        server.createContext("/v1/traces", receiver::handle);
        server.start();
        return receiver;
    }

    /** The base URL to give a service as its collector (ORE_OTEL_ENDPOINT). */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<ReceivedSpan> spans() {
        synchronized (spans) {
            return List.copyOf(spans);
        }
    }

    /** Requests that were not a decodable ExportTraceServiceRequest (a test failure to report). */
    List<String> rejected() {
        synchronized (spans) {
            return List.copyOf(rejected);
        }
    }

    /**
     * Waits until the spans received so far satisfy {@code condition}, at most {@code timeout};
     * returns whether they did. The services export every second: the wait is for delivery, not a
     * measure of speed.
     */
    boolean await(Predicate<List<ReceivedSpan>> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.test(spans())) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            ExportTraceServiceRequest request;
            try (InputStream body = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                request = ExportTraceServiceRequest.parseFrom(body);
            } catch (IOException e) {
                synchronized (spans) {
                    rejected.add(exchange.getRequestHeaders().getFirst("Content-Type") + ": " + e);
                }
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            List<ReceivedSpan> received = new ArrayList<>();
            for (ResourceSpans resource : request.getResourceSpansList()) {
                String service = attributes(resource.getResource().getAttributesList()).getOrDefault("service.name", "?");
                for (ScopeSpans scope : resource.getScopeSpansList()) {
                    for (var span : scope.getSpansList()) {
                        received.add(new ReceivedSpan(service, HEX.formatHex(span.getTraceId().toByteArray()),
                                HEX.formatHex(span.getSpanId().toByteArray()),
                                HEX.formatHex(span.getParentSpanId().toByteArray()), span.getName(),
                                span.getKind().name(), attributes(span.getAttributesList())));
                    }
                }
            }
            synchronized (spans) {
                spans.addAll(received);
            }
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
        }
    }

    private static Map<String, String> attributes(List<KeyValue> values) {
        Map<String, String> map = new LinkedHashMap<>();
        for (KeyValue kv : values) {
            map.put(kv.getKey(), text(kv.getValue()));
        }
        return map;
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case INT_VALUE -> Long.toString(value.getIntValue());
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            default -> value.toString().trim();
        };
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
