package ore.game.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ore.game.app.GameEvents;
import ore.game.support.PeerStub;
import ore.testkit.OreInfra;
import ore.testkit.PgDatabase;

/**
 * Mining load against a real game-service process: a fresh PostgreSQL database and Redis DB, the
 * in-process Kafka broker (ore-testkit), and {@link PeerStub} in this process standing in for
 * auth-service (JWKS, service tokens) and location-service (every player is 5 m from every node).
 *
 * <p>Benchmark settings of the service, not for production: cooldown 0 (one player may mine back
 * to back), rate limits off, node capacities 100 000+ (nodes do not run dry), spawn probability 1.
 *
 * <p>After a warm-up that lasts until the rate is steady (on 2 cores the JIT is still compiling
 * Micronaut, Reactor, Netty and jOOQ paths for minutes), phase 1 is closed loop: N workers mine back to back, which shows the most
 * the machine sustains, with the CPU time each process spent per mine. Phase 2 is open loop:
 * requests start at a fixed rate whatever the answers do, latency measured from the planned start
 * (no coordinated omission), at most 256 in flight; by default at 30, 50 and 70 % of phase 1's
 * rate in turn (the p99 target names 70 %), else at the given rate.
 *
 * <pre>java -cp ... ore.game.bench.MineLoad game-service.jar [rate=0: 30, 50, 70 % of the closed loop] [seconds=30] [players=5000] [workers=64]</pre>
 */
public final class MineLoad {

    private static final double[] CENTERS = {37.5665, 126.9780, 35.1796, 129.0756, 37.4563, 126.7052, 35.8714, 128.6014,
            35.1595, 126.8526, 36.3504, 127.3845, 35.5384, 129.3114, 33.4996, 126.5312};

    record Result(int status, long latencyNanos) {
    }

    private static final int MAX_IN_FLIGHT = 256;
    private static final int WARM_UP_ROUNDS = 30;
    private static final int MIN_WARM_UP_ROUNDS = 18;
    private static final java.util.concurrent.atomic.AtomicInteger ERRORS = new java.util.concurrent.atomic.AtomicInteger();

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int playerCount = args.length > 3 ? Integer.parseInt(args[3]) : 5000;
        int workers = args.length > 4 ? Integer.parseInt(args[4]) : 64;

        for (String topic : List.of(GameEvents.GAME_TOPIC, GameEvents.REWARDS_REQUESTED_TOPIC,
                GameEvents.REWARDS_SETTLED_TOPIC, GameEvents.USER_LIFECYCLE_TOPIC)) {
            OreInfra.createTopic(topic, 3);
        }
        PgDatabase db = OreInfra.postgres();
        String redis = OreInfra.redis().uri();
        String kafka = OreInfra.kafka();
        try (var peers = new PeerStub()) {
            peers.answerEveryone(q -> PeerStub.Answer.near(q.playerId(), 5.0, 500, false));
            int port = freePort();
            Process service = start(jar, port, db, redis, kafka, peers);
            try {
                String base = "http://127.0.0.1:" + port;
                awaitHealthy(base, service);
                var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(2)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
                List<String> tokens = new ArrayList<>();
                for (int i = 0; i < playerCount; i++) {
                    tokens.add(peers.playerToken(UUID.randomUUID()));
                }
                List<String> nodes = nodes(http, base, tokens.getFirst());
                System.out.printf(Locale.ROOT, "game-service up on %s; %d players, %d nodes%n", base, playerCount, nodes.size());

                // Warm-up, gently first (a cold JIT on a busy machine can trip the location breaker):
                // connection pools, the service token, the node cache. Then at full concurrency until
                // the rate is steady: on 2 cores C2 keeps compiling Micronaut, Reactor, Netty and jOOQ
                // paths for minutes, and a measurement taken meanwhile measures the JIT.
                closedLoop(http, base, tokens, nodes, 2, 10);
                warmUp(http, base, tokens, nodes, workers, service.pid());
                Recording.start(service.pid());
                var cpuBefore = CpuTime.snapshot(service.pid());
                var closed = closedLoop(http, base, tokens, nodes, workers, Math.max(10, seconds / 2));
                var cpuAfter = CpuTime.snapshot(service.pid());
                Recording.stop(service.pid());
                report("closed loop, " + workers + " workers, " + Math.max(10, seconds / 2) + " s", closed.results(),
                        closed.seconds());
                long mined = closed.results().stream().filter(r -> r.status() == 200).count();
                CpuTime.report(cpuBefore, cpuAfter, mined);
                if (rate > 0) {
                    var server = ServerLatency.snapshot(http, base);
                    var measured = openLoop(http, base, tokens, nodes, rate, seconds, true);
                    report("open loop at " + rate + " mines/s for " + seconds + " s", measured, seconds);
                    ServerLatency.report(server, ServerLatency.snapshot(http, base));
                } else {
                    // rate 0 (the default): 30, 50 and 70 % of the closed loop's rate: how latency grows
                    // with load, up to the point the p99 target names (70 %)
                    for (int percent : new int[] {30, 50, 70}) {
                        int openRate = (int) Math.max(1, Math.round(percent / 100.0 * closed.okPerSecond()));
                        var server = ServerLatency.snapshot(http, base);
                        var measured = openLoop(http, base, tokens, nodes, openRate, seconds, true);
                        report("open loop at " + openRate + " mines/s for " + seconds + " s (" + percent
                                + " % of the closed loop)", measured, seconds);
                        ServerLatency.report(server, ServerLatency.snapshot(http, base));
                    }
                }
                System.out.printf(Locale.ROOT, "proximity checks answered by the stub: %d%n", peers.proximityCalls.get());
                String pgbench = System.getProperty("ore.bench.pgbench");
                if (pgbench != null) {
                    ceilingRounds(Path.of(pgbench), http, base, tokens, nodes, workers, playerCount);
                }
            } finally {
                service.destroy();
                if (!service.waitFor(30, TimeUnit.SECONDS)) {
                    service.destroyForcibly();
                }
            }
        }
        System.exit(0);
    }

    private static Process start(Path jar, int port, PgDatabase db, String redis, String kafka, PeerStub peers)
            throws IOException {
        var props = new java.util.LinkedHashMap<String, String>();
        props.put("micronaut.server.port", Integer.toString(port));
        props.put("datasources.default.url", db.jdbcUrl());
        props.put("datasources.default.username", db.user());
        props.put("datasources.default.password", db.password());
        props.put("redis.uri", redis);
        props.put("kafka.bootstrap.servers", kafka);
        props.putAll(peers.properties());
        props.put("ore.game.nodes.allow-dev-secret", "true");
        props.put("ore.game.nodes.spawn-probability", "1");
        props.put("ore.game.nodes.capacity-min", "100000");
        props.put("ore.game.nodes.capacity-max", "1000000");
        props.put("ore.game.mining.cooldown", "0s");
        props.put("ore.rate-limit.enabled", "false");
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xms1g", "-Xmx1g"));
        String extra = System.getenv("ORE_BENCH_SERVICE_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        props.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", jar.toString()));
        Path log = Path.of("target", "bench", "game-service.log");
        Files.createDirectories(log.getParent());
        System.out.println("service log: " + log.toAbsolutePath());
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitHealthy(String base, Process service) throws Exception {
        var http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("game-service exited with " + service.exitValue() + "; see its log");
            }
            try {
                var r = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("game-service not healthy within 90 s");
    }

    private static List<String> nodes(HttpClient http, String base, String token) throws Exception {
        var ids = new ArrayList<String>();
        Pattern id = Pattern.compile("\"nodeId\":\"([0-9a-f]{15}:[0-9]+)\"");
        for (int i = 0; i < CENTERS.length; i += 2) {
            var r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/game/nodes?radius=1000&lat=" + CENTERS[i]
                    + "&lon=" + CENTERS[i + 1])).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = id.matcher(r.body());
            while (m.find()) {
                ids.add(m.group(1));
            }
        }
        if (ids.isEmpty()) {
            throw new IllegalStateException("no nodes listed");
        }
        return ids;
    }

    private static HttpRequest mineRequest(String base, List<String> tokens, List<String> nodes) {
        var rnd = ThreadLocalRandom.current();
        String body = "{\"nodeId\":\"" + nodes.get(rnd.nextInt(nodes.size())) + "\"}";
        return HttpRequest.newBuilder(URI.create(base + "/api/game/mine"))
                .header("Authorization", "Bearer " + tokens.get(rnd.nextInt(tokens.size())))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** Starts {@code rate} requests per second for {@code seconds}; latency counts from the planned start. */
    private static List<Result> openLoop(HttpClient http, String base, List<String> tokens, List<String> nodes, int rate,
                                         int seconds, boolean keep) throws InterruptedException {
        long total = (long) rate * seconds;
        var results = new Result[(int) total];
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime() + 10_000_000;
        // Like a real client fleet behind a load balancer, at most MAX_IN_FLIGHT connections; a request
        // that finds them all busy waits, and that wait counts in its latency.
        var inFlight = new java.util.concurrent.Semaphore(MAX_IN_FLIGHT);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long planned = start + i * intervalNanos;
                long wait = planned - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                int slot = i;
                pool.execute(() -> {
                    inFlight.acquireUninterruptibly();
                    try {
                        results[slot] = send(http, mineRequest(base, tokens, nodes), planned);
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        return keep ? Arrays.asList(results) : List.of();
    }

    record Closed(List<Result> results, double seconds) {
        double okPerSecond() {
            return results.stream().filter(r -> r.status() == 200).count() / seconds;
        }
    }

    /** Rounds of 10 s at full concurrency, at least 2 minutes, until two in a row agree within 5 % (at most 5 minutes). */
    private static void warmUp(HttpClient http, String base, List<String> tokens, List<String> nodes, int workers,
                               long servicePid) throws InterruptedException {
        double previous = 0;
        for (int round = 1; round <= WARM_UP_ROUNDS; round++) {
            var cpuBefore = CpuTime.snapshot(servicePid);
            var r = closedLoop(http, base, tokens, nodes, workers, 10);
            var cpuAfter = CpuTime.snapshot(servicePid);
            double rate = r.okPerSecond();
            System.out.printf(Locale.ROOT, "warm-up round %d: %.0f mines/s, service CPU %.2f ms per mine%n", round, rate,
                    CpuTime.perUnit(cpuBefore, cpuAfter, "game-service", Math.round(rate * r.seconds())));
            if (round >= MIN_WARM_UP_ROUNDS && previous > 0 && Math.abs(rate - previous) <= 0.05 * previous) {
                return;
            }
            previous = rate;
        }
        System.out.println("warm-up: the rate did not settle within " + WARM_UP_ROUNDS + " rounds; measuring anyway");
    }

    private static Closed closedLoop(HttpClient http, String base, List<String> tokens, List<String> nodes, int workers,
                                     int seconds) throws InterruptedException {
        var results = new ConcurrentHashMap<Integer, List<Result>>();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long begin = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < workers; w++) {
                int worker = w;
                pool.execute(() -> {
                    var mine = new ArrayList<Result>();
                    while (System.nanoTime() < end) {
                        mine.add(send(http, mineRequest(base, tokens, nodes), System.nanoTime()));
                    }
                    results.put(worker, mine);
                });
            }
        }
        double elapsed = (System.nanoTime() - begin) / 1e9;
        return new Closed(results.values().stream().flatMap(List::stream).toList(), elapsed);
    }

    private static final int CEILING_ROUNDS = 3;
    private static final int CEILING_SECONDS = 10;

    /**
     * The service's rate against the ceiling PostgreSQL puts on the same statements, in alternating
     * rounds of pgbench ({@code bench/pgbench-mine.sh}, as many clients as workers) and the service's
     * closed loop, 10 s each: this VM's CPU speed drifts by ±20 % within minutes, so a ratio of two
     * measurements taken minutes apart measures the drift. Each round's ratio and their median.
     */
    private static void ceilingRounds(Path script, HttpClient http, String base, List<String> tokens, List<String> nodes,
                                      int workers, int players) throws Exception {
        System.out.printf(Locale.ROOT, "%n== the ceiling: %d rounds of pgbench (%d clients) and the closed loop, %d s each%n",
                CEILING_ROUNDS, workers, CEILING_SECONDS);
        var ratios = new ArrayList<Double>();
        var ceilings = new ArrayList<Double>();
        for (int round = 1; round <= CEILING_ROUNDS; round++) {
            double tps = pgbench(script, workers, players);
            ceilings.add(tps);
            double mines = closedLoop(http, base, tokens, nodes, workers, CEILING_SECONDS).okPerSecond();
            double ratio = 100 * mines / tps;
            ratios.add(ratio);
            System.out.printf(Locale.ROOT, "round %d: pgbench %.0f tx/s, service %.0f mines/s: %.0f %%%n", round, tps, mines,
                    ratio);
        }
        ratios.sort(null);
        ceilings.sort(null);
        System.out.printf(Locale.ROOT, "pgbench, median of %d rounds: %.0f tx/s%n", CEILING_ROUNDS,
                ceilings.get(ceilings.size() / 2));
        System.out.printf(Locale.ROOT, "service / pgbench, median of %d rounds: %.0f %% of the ceiling%n", CEILING_ROUNDS,
                ratios.get(ratios.size() / 2));
    }

    /** Runs pgbench-mine.sh and returns its transactions per second (its output goes to the service log's directory). */
    private static double pgbench(Path script, int clients, int players) throws IOException, InterruptedException {
        Path log = Path.of("target", "bench", "pgbench.log");
        Process p = new ProcessBuilder("bash", script.toString(), Integer.toString(CEILING_SECONDS),
                Integer.toString(clients), Integer.toString(players))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("pgbench did not finish within 120 s; see " + log.toAbsolutePath());
        }
        List<String> lines = Files.readAllLines(log);
        for (int i = lines.size() - 1; i >= 0; i--) {
            Matcher m = TPS.matcher(lines.get(i));
            if (m.find()) {
                return Double.parseDouble(m.group(1));
            }
        }
        throw new IllegalStateException("no tps in pgbench's output; see " + log.toAbsolutePath());
    }

    private static final Pattern TPS = Pattern.compile("^tps = ([0-9.]+)");

    private static Result send(HttpClient http, HttpRequest request, long planned) {
        try {
            var r = http.send(request, HttpResponse.BodyHandlers.discarding());
            return new Result(r.statusCode(), System.nanoTime() - planned);
        } catch (IOException e) {
            if (ERRORS.incrementAndGet() <= 3) {
                System.out.println("request failed: " + e);
            }
            return new Result(-1, System.nanoTime() - planned);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-2, System.nanoTime() - planned);
        }
    }

    private static void report(String phase, List<Result> results, double seconds) {
        var byStatus = new java.util.TreeMap<Integer, LongAdder>();
        long[] ok = results.stream().filter(r -> r != null && r.status() == 200).mapToLong(Result::latencyNanos).sorted().toArray();
        results.forEach(r -> byStatus.computeIfAbsent(r == null ? 0 : r.status(), k -> new LongAdder()).increment());
        System.out.printf(Locale.ROOT, "%n== %s%n", phase);
        System.out.printf(Locale.ROOT, "requests %d, statuses %s%n", results.size(), byStatus);
        if (ok.length == 0) {
            System.out.println("no successful mines");
            return;
        }
        System.out.printf(Locale.ROOT, "successful mines %d = %.0f mines/s%n", ok.length, ok.length / seconds);
        System.out.printf(Locale.ROOT, "latency ms: p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f%n",
                pct(ok, 0.50), pct(ok, 0.90), pct(ok, 0.99), pct(ok, 0.999), ok[ok.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static int freePort() throws IOException {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private MineLoad() {
    }

}
