package ore.location.bench;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import ore.location.app.SuspectedCheat;
import ore.location.app.UserDeleted;
import ore.location.app.port.TrackingLog;
import ore.security.JwtForge;
import ore.testkit.OreInfra;
import ore.testkit.PgDatabase;
import ore.testkit.RedisDb;

/**
 * HTTP load generator for location-service (a main, not a test; run it with {@code location-service/run-load.sh}).
 *
 * <p>Starts the service jar as its own process against a fresh PostgreSQL database, a fresh Redis DB
 * and an in-process Kafka broker, serves the JWKS the service verifies tokens against, signs one
 * access token per simulated player, and then measures, for each scenario and concurrency, a
 * closed loop of requests over keep-alive connections on loopback:
 * <ul>
 *   <li>{@code batch1}: {@code POST /api/location/updates} with one fix;</li>
 *   <li>{@code batch10}: the same with ten fixes;</li>
 *   <li>{@code nearby}: {@code GET /api/location/nearby} (radius 1000 m) around the player's position.</li>
 * </ul>
 * Players walk (about 1 m per fix, 5–10 m accuracy) in a 10 km square, half of them opted in to
 * nearby, each through its own {@code X-Forwarded-For} address as behind the ALB; each player is
 * driven by one connection at a time. Every fix goes the whole way: JWT, rate limits, anti-cheat,
 * Kafka (acks=all), Redis state, nearby index and realtime channel, and the history consumer writes
 * it to PostgreSQL in the background. Only accepted fixes are counted.
 *
 * <p>Options: {@code --players=20000 --jit-warmup=60 --warmup=5 --duration=20 --concurrency=8,16,32,64
 * --scenarios=batch1,batch10,nearby --jar=<service jar> --service-heap=1536m}.
 */
public final class LocationLoad {

    private static final double LAT0 = 37.50;
    private static final double LON0 = 126.95;

    record Options(Path jar, int players, Duration jitWarmup, Duration warmup, Duration duration,
                   List<Integer> concurrency, List<String> scenarios, String heap) {

        static Options parse(String[] args) {
            Path jar = Path.of("location-service/target/location-service-0.1.0-SNAPSHOT.jar");
            int players = 20_000;
            Duration jitWarmup = Duration.ofSeconds(60);
            Duration warmup = Duration.ofSeconds(5);
            Duration duration = Duration.ofSeconds(20);
            List<Integer> concurrency = List.of(8, 16, 32, 64);
            List<String> scenarios = List.of("batch1", "batch10", "nearby");
            String heap = "1536m";
            for (String arg : args) {
                String[] kv = arg.replaceFirst("^--", "").split("=", 2);
                String v = kv.length > 1 ? kv[1] : "";
                switch (kv[0]) {
                    case "jar" -> jar = Path.of(v);
                    case "players" -> players = Integer.parseInt(v);
                    case "jit-warmup" -> jitWarmup = Duration.ofSeconds(Long.parseLong(v));
                    case "warmup" -> warmup = Duration.ofSeconds(Long.parseLong(v));
                    case "duration" -> duration = Duration.ofSeconds(Long.parseLong(v));
                    case "concurrency" -> concurrency = Arrays.stream(v.split(",")).map(Integer::parseInt).toList();
                    case "scenarios" -> scenarios = List.of(v.split(","));
                    case "service-heap" -> heap = v;
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            return new Options(jar, players, jitWarmup, warmup, duration, concurrency, scenarios, heap);
        }
    }

    /** A simulated player; only ever driven by one worker at a time. */
    static final class Player {
        final UUID id = UUID.randomUUID();
        final String token;
        final String address;
        double lat;
        double lon;
        double bearing;
        long lastTs;

        Player(JwtForge forge, int index) {
            token = forge.valid(id.toString());
            address = "10." + ((index >> 16) & 255) + "." + ((index >> 8) & 255) + "." + (index & 255);
            var r = ThreadLocalRandom.current();
            lat = LAT0 + r.nextDouble() * 0.09;
            lon = LON0 + r.nextDouble() * 0.11;
            bearing = r.nextDouble() * 360;
        }

        byte[] batch(int fixes) {
            long now = System.currentTimeMillis();
            // 10 ms apart: players are driven faster than real time, so fixes are squeezed in time.
            long base = Math.max(now - 100L * fixes, lastTs + 10);
            var r = ThreadLocalRandom.current();
            var sb = new StringBuilder(64 + fixes * 90).append("{\"fixes\":[");
            for (int i = 0; i < fixes; i++) {
                bearing += r.nextGaussian() * 15;
                double step = 0.5 + r.nextDouble();
                lat += step * Math.cos(Math.toRadians(bearing)) / 111_195.0;
                lon += step * Math.sin(Math.toRadians(bearing)) / (111_195.0 * Math.cos(Math.toRadians(lat)));
                lastTs = base + i * 10L;
                if (i > 0) {
                    sb.append(',');
                }
                sb.append("{\"lat\":").append(lat).append(",\"lon\":").append(lon).append(",\"accuracy\":")
                        .append(5 + r.nextInt(6)).append(",\"ts\":").append(lastTs).append('}');
            }
            return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    record Result(String scenario, int concurrency, double seconds, long requests, long fixes, long errors,
                  long[] latenciesNanos, double serviceCores) {

        double percentileMs(double p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.min(latenciesNanos.length - 1, Math.ceil(p * latenciesNanos.length) - 1);
            return latenciesNanos[Math.max(0, i)] / 1e6;
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        if (!Files.isRegularFile(options.jar())) {
            throw new IllegalStateException("service jar not found: " + options.jar() + " (build it first)");
        }
        System.out.printf("location-service load test: %d players, warm-up %ds, %ds per run, concurrency %s%n",
                options.players(), options.warmup().toSeconds(), options.duration().toSeconds(), options.concurrency());
        System.out.printf("machine: %d cores (%s), service heap %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.arch"), options.heap());

        PgDatabase db = OreInfra.postgres();
        RedisDb redis = OreInfra.redis();
        String kafka = OreInfra.kafka();
        OreInfra.createTopic(TrackingLog.TOPIC, 6);
        OreInfra.createTopic(SuspectedCheat.TOPIC, 3);
        OreInfra.createTopic(UserDeleted.TOPIC, 3);

        ECKey key = JwtForge.newKey("load-key");
        HttpServer jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] jwkSet = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwkSet.length);
            exchange.getResponseBody().write(jwkSet);
            exchange.close();
        });
        jwks.start();

        int port = freePort();
        Path log = Path.of("location-service/target/load/location-service.log");
        Files.createDirectories(log.getParent());
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xms" + options.heap(), "-Xmx" + options.heap()));
        String extra = System.getenv("SERVICE_JAVA_OPTS");   // e.g. a JFR recording for profiling
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", options.jar().toString()));
        var pb = new ProcessBuilder(command);
        var env = pb.environment();
        env.put("MICRONAUT_SERVER_PORT", Integer.toString(port));
        env.put("DATASOURCES_DEFAULT_URL", db.jdbcUrl());
        env.put("DATASOURCES_DEFAULT_USERNAME", db.user());
        env.put("DATASOURCES_DEFAULT_PASSWORD", db.password() == null ? "" : db.password());
        env.put("REDIS_URI", redis.uri());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        env.put("ORE_SECURITY_JWKS_URL", "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks");
        env.put("ORE_RATE_LIMIT_TRUSTED_PROXIES", "1");
        env.put("LOG_LEVEL", "WARN");
        env.put("ORE_LOG_LEVEL", "WARN");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process service = pb.start();
        Runtime.getRuntime().addShutdownHook(new Thread(service::destroyForcibly));
        try {
            awaitHealthy(port, service, Duration.ofSeconds(120));
            System.out.printf("service up on :%d (pid %d, log %s)%n", port, service.pid(), log);

            var forge = new JwtForge(key, "https://auth.ore.local", "ore-api");
            Player[] players = new Player[options.players()];
            for (int i = 0; i < players.length; i++) {
                players[i] = new Player(forge, i + 1);
            }
            seed(port, players);
            // The JIT compiles for the first minute or so and takes a core doing it: measure after it settled.
            long perScenario = Math.max(1, options.jitWarmup().toSeconds() / options.scenarios().size());
            for (String scenario : options.scenarios()) {
                run(port, players, scenario, 16, Duration.ofSeconds(perScenario), service.pid());
            }
            System.out.printf("JIT warm-up done (%ds)%n", options.jitWarmup().toSeconds());

            var results = new ArrayList<Result>();
            for (String scenario : options.scenarios()) {
                for (int c : options.concurrency()) {
                    run(port, players, scenario, c, options.warmup(), service.pid());
                    Result r = run(port, players, scenario, c, options.duration(), service.pid());
                    results.add(r);
                    print(r);
                }
            }
            System.out.println();
            System.out.println("| scenario | connections | requests/s | accepted fixes/s | p50 ms | p99 ms | errors | service CPU (cores) |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            for (Result r : results) {
                System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %s | %.2f | %.2f | %d | %.2f |%n", r.scenario(),
                        r.concurrency(), r.requests() / r.seconds(),
                        r.scenario().equals("nearby") ? "–" : String.format(Locale.ROOT, "%.0f", r.fixes() / r.seconds()),
                        r.percentileMs(0.50), r.percentileMs(0.99), r.errors(), r.serviceCores());
            }
        } finally {
            service.destroy();
            if (!service.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
            jwks.stop(0);
        }
        System.exit(0);
    }

    private static void seed(int port, Player[] players) throws Exception {
        long started = System.nanoTime();
        int workers = 32;
        var threads = new ArrayList<Thread>();
        for (int w = 0; w < workers; w++) {
            int first = w;
            threads.add(Thread.ofVirtual().start(() -> {
                try (var http = new RawHttp("127.0.0.1", port)) {
                    for (int i = first; i < players.length; i += workers) {
                        Player p = players[i];
                        if (i % 2 == 0) {
                            expect(http.send("PUT", "/api/location/sharing", p.token, p.address,
                                    "{\"nearby\":true}".getBytes(StandardCharsets.UTF_8)));
                        }
                        expect(http.send("POST", "/api/location/updates", p.token, p.address, p.batch(1)));
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        System.out.printf("seeded %d players (half opted in to nearby) in %.1fs%n", players.length,
                (System.nanoTime() - started) / 1e9);
    }

    private static void expect(RawHttp.Response r) {
        if (r.status() != 200) {
            throw new IllegalStateException("seeding failed: " + r.status() + " " + r.body());
        }
    }

    private static Result run(int port, Player[] players, String scenario, int concurrency, Duration duration,
                              long servicePid) throws Exception {
        var stop = new AtomicBoolean();
        long[][] latencies = new long[concurrency][];
        long[] requests = new long[concurrency];
        long[] fixes = new long[concurrency];
        long[] errors = new long[concurrency];
        var threads = new ArrayList<Thread>();
        long cpuBefore = cpuTicks(servicePid);
        long started = System.nanoTime();
        for (int w = 0; w < concurrency; w++) {
            int worker = w;
            threads.add(Thread.ofVirtual().start(() -> {
                long[] lat = new long[1 << 16];
                int n = 0;
                var random = new Random(worker);
                try (var http = new RawHttp("127.0.0.1", port)) {
                    // Worker w drives players w, w + c, w + 2c, ...: no two connections ever share a player.
                    for (int i = worker; !stop.get(); i = i + concurrency < players.length ? i + concurrency : worker) {
                        Player p = players[i];
                        long t0 = System.nanoTime();
                        RawHttp.Response r;
                        try {
                            r = switch (scenario) {
                                case "batch1" -> http.send("POST", "/api/location/updates", p.token, p.address, p.batch(1));
                                case "batch10" -> http.send("POST", "/api/location/updates", p.token, p.address, p.batch(10));
                                case "nearby" -> http.send("GET", String.format(Locale.ROOT,
                                        "/api/location/nearby?lat=%.6f&lon=%.6f&radius=%d", p.lat, p.lon,
                                        500 + random.nextInt(501)), p.token, p.address, null);
                                default -> throw new IllegalArgumentException("unknown scenario " + scenario);
                            };
                        } catch (IOException e) {
                            errors[worker]++;
                            continue;
                        }
                        long t1 = System.nanoTime();
                        if (n == lat.length) {
                            lat = Arrays.copyOf(lat, n * 2);
                        }
                        lat[n++] = t1 - t0;
                        requests[worker]++;
                        if (r.status() != 200) {
                            errors[worker]++;
                        } else if (!scenario.equals("nearby")) {
                            fixes[worker] += accepted(r.body());
                        }
                    }
                }
                latencies[worker] = Arrays.copyOf(lat, n);
            }));
        }
        Thread.sleep(duration.toMillis());
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double cores = (cpuTicks(servicePid) - cpuBefore) / 100.0 / seconds;
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(scenario, concurrency, seconds, Arrays.stream(requests).sum(), Arrays.stream(fixes).sum(),
                Arrays.stream(errors).sum(), all, cores);
    }

    /** The {@code accepted} count at the start of an update response: {@code {"accepted":N,...}}. */
    static long accepted(String body) {
        int i = body.indexOf("\"accepted\":");
        if (i < 0) {
            return 0;
        }
        int start = i + 11;
        int end = start;
        while (end < body.length() && Character.isDigit(body.charAt(end))) {
            end++;
        }
        return end > start ? Long.parseLong(body, start, end, 10) : 0;
    }

    private static void print(Result r) {
        System.out.printf(Locale.ROOT, "%-8s c=%-3d %8.0f req/s %8s fixes/s  p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms  "
                        + "errors %d  service %.2f cores%n", r.scenario(), r.concurrency(), r.requests() / r.seconds(),
                r.scenario().equals("nearby") ? "-" : String.format(Locale.ROOT, "%.0f", r.fixes() / r.seconds()),
                r.percentileMs(0.5), r.percentileMs(0.99), r.percentileMs(1.0), r.errors(), r.serviceCores());
    }

    /** utime + stime of a process in clock ticks (USER_HZ, 100 on Linux). */
    private static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static void awaitHealthy(int port, Process service, Duration timeout) throws Exception {
        var client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service exited with " + service.exitValue() + "; see its log");
            }
            try {
                var r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the service did not become healthy within " + timeout);
    }

    private static int freePort() throws IOException {
        try (var s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
