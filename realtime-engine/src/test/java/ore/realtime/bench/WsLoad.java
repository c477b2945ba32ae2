package ore.realtime.bench;

import io.lettuce.core.RedisClient;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import ore.realtime.support.EngineProcess;
import ore.realtime.support.Engines;
import ore.realtime.support.Peers;
import ore.testkit.OreInfra;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Load generator for realtime-engine: starts the engine as its own process (this class path, on the
 * test Redis), opens many WebSocket connections from one process spread over several 127.0.0.x
 * source addresses (each address has its own ephemeral-port range), and reports:
 * <ol>
 *   <li>connections held, and heap (live, after a full GC) and RSS per connection, for the engine
 *       ({@code /ws}, authenticated) and, with {@code micronaut}, for a bare Micronaut
 *       {@code @ServerWebSocket} on the same server (the alternative engine);</li>
 *   <li>fan-out: every connection subscribes to {@code global}; messages published on Redis at a
 *       fixed rate reach every connection; deliveries/s and delivery latency (publish to receipt,
 *       HdrHistogram) per rate step.</li>
 * </ol>
 * Arguments: {@code connections=10000 perAddress=5000 rates=10,20 seconds=10 target=engine|micronaut}.
 * It only talks to 127.0.0.0/8 and stops by itself.
 */
public final class WsLoad {

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new java.util.HashMap<>();
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            a.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        int connections = Integer.parseInt(a.getOrDefault("connections", "10000"));
        int perAddress = Integer.parseInt(a.getOrDefault("perAddress", "5000"));
        int seconds = Integer.parseInt(a.getOrDefault("seconds", "10"));
        String target = a.getOrDefault("target", "engine");
        List<Integer> rates = new ArrayList<>();
        for (String r : a.getOrDefault("rates", "10,20").split(",")) {
            rates.add(Integer.parseInt(r.trim()));
        }
        boolean micronaut = target.equals("micronaut");

        var peers = new Peers();
        var redisDb = OreInfra.redis();
        var props = new java.util.HashMap<>(Engines.properties(peers, redisDb, Map.of(
                "ore.realtime.connection.max-connections", "100000",
                "ore.realtime.connection.rate-per-second", "1000",
                "ore.realtime.connection.rate-burst", "1000",
                "ore.realtime.presence-ttl", "60s",
                "ore.realtime.connection.heartbeat", "120s")));
        props.put("bench.micronaut-ws", Boolean.toString(micronaut));
        props.put("ore.rate-limit.per-ip-per-minute", "60000");
        props.put("ore.rate-limit.per-user-per-minute", "60000");
        props.put("micronaut.server.idle-timeout", "-1s");
        props.put("micronaut.server.read-idle-timeout", "-1s");
        props.put("micronaut.server.write-idle-timeout", "-1s");
        System.out.printf("target=%s connections=%d (%d per source address) rates=%s msg/s, %d s each%n",
                target, connections, perAddress, rates, seconds);
        try (var engine = EngineProcess.start(props, List.of("-Xmx2g", "-XX:+UseG1GC"));
             var clients = new Clients(micronaut ? engine.wsUrl().replace("/ws", "/mnws") : engine.wsUrl())) {
            long pid = engine.process().pid();
            String metricsUrl = engine.wsUrl().replace("ws://", "http://").replace("/ws", "/metrics");
            Memory base = Memory.of(pid, metricsUrl);
            System.out.printf("baseline: heap %.1f MB, RSS %.1f MB%n", base.heap() / 1e6, base.rss() / 1e6);

            long start = System.nanoTime();
            int opened = clients.open(connections, perAddress, peers, !micronaut);
            double openSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("opened %d/%d connections in %.1f s (%d failed)%n", opened, connections, openSeconds,
                    clients.failures.get());
            Thread.sleep(3000);
            Memory held = Memory.of(pid, metricsUrl);
            System.out.printf("held %d: heap %.1f MB, RSS %.1f MB -> %.2f KB heap and %.2f KB RSS per connection%n",
                    clients.open.get(), held.heap() / 1e6, held.rss() / 1e6,
                    (held.heap() - base.heap()) / 1024.0 / Math.max(1, clients.open.get()),
                    (held.rss() - base.rss()) / 1024.0 / Math.max(1, clients.open.get()));
            if (micronaut) {
                return;
            }
            clients.subscribeAll("global");
            var redisClient = RedisClient.create(redisDb.uri());
            try (var redis = redisClient.connect()) {
                for (int rate : rates) {
                    clients.delivered.set(0);
                    clients.latency.reset();
                    long begin = System.nanoTime();
                    long periodNs = 1_000_000_000L / rate;
                    long sent = 0;
                    while (System.nanoTime() - begin < seconds * 1_000_000_000L) {
                        long due = begin + sent * periodNs;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                        redis.async().spublish("rt:global", "{\"type\":\"bench\",\"at\":\"2026-01-01T00:00:00Z\",\"t\":"
                                + System.nanoTime() + "}");
                        sent++;
                    }
                    long expected = sent * clients.open.get();
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                    while (clients.delivered.get() < expected && System.nanoTime() < deadline) {
                        Thread.sleep(50);
                    }
                    double elapsed = (System.nanoTime() - begin) / 1e9;
                    Histogram h = clients.latency.getIntervalHistogram();
                    System.out.printf(Locale.ROOT, "rate %d msg/s x %d subscribers: %d/%d delivered, %.0f deliveries/s, "
                                    + "latency p50 %.1f ms p99 %.1f ms p99.9 %.1f ms max %.1f ms%n",
                            rate, clients.open.get(), clients.delivered.get(), expected, clients.delivered.get() / elapsed,
                            h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6,
                            h.getValueAtPercentile(99.9) / 1e6, h.getMaxValue() / 1e6);
                }
            } finally {
                redisClient.shutdown();
            }
            Memory after = Memory.of(pid, metricsUrl);
            System.out.printf("after fan-out: heap %.1f MB, RSS %.1f MB, connections still open %d%n",
                    after.heap() / 1e6, after.rss() / 1e6, clients.open.get());
        } finally {
            peers.close();
        }
    }

    /** Live heap (after a full GC, from the engine's /metrics) and RSS of the engine process. */
    record Memory(long heap, long rss) {
        static Memory of(long pid, String metricsUrl) throws Exception {
            new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid),
                    "GC.run").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            Thread.sleep(500);
            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(metricsUrl))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()).body();
            long heap = 0;
            for (String line : body.split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    heap += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            long rss = 0;
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            return new Memory(heap, rss);
        }
    }

    /** The connections, on one Netty event loop group. */
    static final class Clients implements AutoCloseable {
        final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        final URI uri;
        final ConcurrentLinkedQueue<Channel> open_ = new ConcurrentLinkedQueue<>();
        final AtomicLong open = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        final AtomicLong delivered = new AtomicLong();
        final Recorder latency = new Recorder(3);

        Clients(String url) {
            this.uri = URI.create(url);
        }

        int open(int n, int perAddress, Peers peers, boolean authenticate) throws InterruptedException {
            var inFlight = new Semaphore(256);
            var done = new CountDownLatch(n);
            for (int i = 0; i < n; i++) {
                String source = "127.0.0." + (2 + i / perAddress);
                String protocol = authenticate ? "ore.v1,bearer." + peers.token(UUID.randomUUID()) : null;
                inFlight.acquire();
                var config = WebSocketClientProtocolConfig.newBuilder().webSocketUri(uri).subprotocol(protocol)
                        .handshakeTimeoutMillis(30_000).maxFramePayloadLength(65536).generateOriginHeader(false).build();
                var bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                        .option(ChannelOption.TCP_NODELAY, true)
                        .handler(new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65536),
                                        new WebSocketClientProtocolHandler(config), new Receiver(Clients.this, inFlight, done));
                            }
                        });
                bootstrap.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), new InetSocketAddress(source, 0))
                        .addListener(f -> {
                            if (!f.isSuccess()) {
                                failures.incrementAndGet();
                                inFlight.release();
                                done.countDown();
                            }
                        });
            }
            done.await(5, TimeUnit.MINUTES);
            return (int) open.get();
        }

        void subscribeAll(String channel) throws InterruptedException {
            for (Channel ch : open_) {
                ch.writeAndFlush(new TextWebSocketFrame("{\"id\":1,\"type\":\"subscribe\",\"channel\":\"" + channel + "\"}"));
            }
            Thread.sleep(Math.max(3000, open_.size() / 2));
        }

        @Override
        public void close() {
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    static final class Receiver extends SimpleChannelInboundHandler<Object> {
        private final Clients clients;
        private final Semaphore inFlight;
        private final CountDownLatch done;
        private final java.util.concurrent.atomic.AtomicBoolean counted = new java.util.concurrent.atomic.AtomicBoolean();

        Receiver(Clients clients, Semaphore inFlight, CountDownLatch done) {
            this.clients = clients;
            this.inFlight = inFlight;
            this.done = done;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE
                    && counted.compareAndSet(false, true)) {
                clients.open.incrementAndGet();
                clients.open_.add(ctx.channel());
                inFlight.release();
                done.countDown();
            } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT
                    && counted.compareAndSet(false, true)) {
                clients.failures.incrementAndGet();
                inFlight.release();
                done.countDown();
            }
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof TextWebSocketFrame text) {
                String s = text.text();
                int at = s.indexOf("\"t\":");
                if (s.startsWith("{\"type\":\"push\"") && at > 0) {
                    long sentAt = Long.parseLong(s.substring(at + 4, s.indexOf('}', at)));
                    clients.latency.recordValue(Math.max(0, System.nanoTime() - sentAt));
                    clients.delivered.incrementAndGet();
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (clients.open_.remove(ctx.channel())) {
                clients.open.decrementAndGet();
            } else if (counted.compareAndSet(false, true)) {
                clients.failures.incrementAndGet();
                inFlight.release();
                done.countDown();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!clients.open_.contains(ctx.channel()) && counted.compareAndSet(false, true)) {
                if (clients.failures.incrementAndGet() <= 3) {
                    System.out.println("connection failed: " + cause);
                }
                inFlight.release();
                done.countDown();
            }
            ctx.close();
        }
    }

    private WsLoad() {
    }
}
