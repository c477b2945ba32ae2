package ore.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code bin/ore-local} as a user runs it: started from the repository root, used through the router
 * only, stopped with Ctrl-C (SIGINT) or SIGTERM. The launcher's JVM sees one or two processors, the
 * machine size on which blocking pipe reads on virtual threads once starved the router.
 *
 * <p>Runs after {@code package} (failsafe): it needs every service's jar and the launcher's own.
 */
class LauncherIT {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Duration START_BOUND = Duration.ofMinutes(8);
    /** Services get 20 s for a graceful stop, then SIGKILL: anything beyond this bound is a hang. */
    private static final Duration STOP_BOUND = Duration.ofSeconds(60);
    private static final Pattern NUMBER = Pattern.compile("\"%s\"\\s*:\\s*\"?([^\",}]+)");

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ParameterizedTest(name = "{0} processor(s), restarts {2}, stopped with SIG{1}")
    @CsvSource({"2, INT, false", "1, INT, false", "2, TERM, true"})
    void runsServesThroughTheRouterAndStopsCleanly(int processors, String signal, boolean restarts) throws Exception {
        int offset = freeOffset();
        int router = 8080 + offset;
        // bin/ore-local execs java, so the launcher keeps this pid. A shell started in the background
        // ignores SIGINT and its children inherit that (the JVM then cannot handle it); perl restores
        // the default first, as an interactive terminal would have it.
        ProcessBuilder builder = new ProcessBuilder("perl", "-e", "$SIG{INT}='DEFAULT'; exec @ARGV or die $!",
                "bin/ore-local", "--no-build")
                .directory(ROOT.toFile())
                .redirectErrorStream(true);
        builder.environment().put("ORE_LOCAL_PORT_OFFSET", Integer.toString(offset));
        // A database of its own (created by the launcher, dropped below): wallet links and balances of
        // one run must not leak into the next. The name follows the test kit's, so leftovers get swept.
        String database = "ore_t_" + (System.currentTimeMillis() / 1000) + "_" + HexFormat.of().formatHex(randomBytes(4));
        builder.environment().put("ORE_LOCAL_PG_URL", "jdbc:postgresql://127.0.0.1:5432/" + database);
        builder.environment().put("ORE_LOCAL_JAVA_OPTS", "-Xmx1g -XX:ActiveProcessorCount=" + processors);
        // CI builds nothing else meanwhile, but a developer's machine may: starting is not under test.
        builder.environment().put("ORE_LOCAL_HEALTH_TIMEOUT", Long.toString(START_BOUND.toSeconds()));
        Process launcher = builder.start();
        launcher.getOutputStream().close();
        Output output = new Output(launcher);
        try {
            long deadline = System.nanoTime() + START_BOUND.toNanos();
            while (!output.up.await(1, TimeUnit.SECONDS) && launcher.isAlive() && System.nanoTime() < deadline) {
                // waiting for the summary line
            }
            output.thread.join(launcher.isAlive() ? Duration.ZERO : Duration.ofSeconds(5));
            assertThat(output.up.getCount()).as("'stack is up' within %s; output:%n%s", START_BOUND, output).isZero();
            assertThat(launcher.isAlive()).as("launcher alive; output:%n%s", output).isTrue();
            List<ProcessHandle> children = launcher.descendants().toList();
            assertThat(children).as("one child JVM per service").hasSizeGreaterThanOrEqualTo(5);

            playThroughTheRouter(router, 8545 + offset, restarts ? new Restarts(output, database) : null);

            new ProcessBuilder("kill", "-" + signal, Long.toString(launcher.pid())).inheritIO().start().waitFor();
            boolean exited = launcher.waitFor(STOP_BOUND.toSeconds(), TimeUnit.SECONDS);
            assertThat(exited).as("launcher exits within %s of SIG%s; output:%n%s", STOP_BOUND, signal, output).isTrue();
            assertThat(launcher.exitValue()).as("exit code; output:%n%s", output).isZero();
            output.thread.join(Duration.ofSeconds(5));
            for (ProcessHandle child : children) {
                assertThat(child.onExit()).as("child %s ended", child.pid()).succeedsWithin(Duration.ofSeconds(5));
            }
            assertThat(output.toString())
                    .contains("[local] stopped services")
                    .as("every service stopped on SIGTERM by itself, none was killed")
                    .doesNotContain("s of SIGTERM; killed");
            for (int port = router; port <= router + 5; port++) {
                assertThat(portFree(port)).as("port %d released", port).isTrue();
            }
            assertThat(portFree(8545 + offset)).as("anvil's port released").isTrue();
        } finally {
            if (launcher.isAlive()) {
                launcher.descendants().forEach(ProcessHandle::destroyForcibly);
                launcher.destroyForcibly();
            }
            dropDatabase(database);
        }
    }

    private static void dropDatabase(String database) {
        try (var c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             var statement = c.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
        } catch (java.sql.SQLException e) {
            System.err.println("LauncherIT: could not drop " + database + " (swept later): " + e.getMessage());
        }
    }

    /**
     * Through the router only: a guest signs in, sends a location update and finds a node; a second
     * player standing at that node holds a WebSocket (tunnelled to realtime-engine), subscribes to
     * its own channel, mines the node, and the inventory change arrives on the socket.
     */
    private void playThroughTheRouter(int router, int chainPort, Restarts restarts) throws Exception {
        String base = "http://127.0.0.1:" + router;
        String deviceId = HexFormat.of().formatHex(randomBytes(16));
        HttpResponse<String> guest = send(HttpRequest.newBuilder(URI.create(base + "/api/auth/guest"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"deviceId\":\"" + deviceId + "\"}")));
        assertThat(guest.statusCode()).as(guest.body()).isIn(200, 201);
        String token = field(guest.body(), "accessToken");
        String playerId = field(guest.body(), "playerId");

        long now = System.currentTimeMillis();
        String fixes = "{\"fixes\":[{\"lat\":37.5665,\"lon\":126.978,\"accuracy\":5,\"ts\":" + (now - 1000)
                + "},{\"lat\":37.5665,\"lon\":126.978,\"accuracy\":5,\"ts\":" + now + "}]}";
        HttpResponse<String> update = send(HttpRequest.newBuilder(URI.create(base + "/api/location/updates"))
                .header("authorization", "Bearer " + token)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(fixes)));
        assertThat(update.statusCode()).as(update.body()).isEqualTo(200);
        assertThat(field(update.body(), "accepted")).isEqualTo("2");

        HttpResponse<String> inventory = send(HttpRequest.newBuilder(URI.create(base + "/api/game/inventory"))
                .header("authorization", "Bearer " + token).GET());
        assertThat(inventory.statusCode()).as(inventory.body()).isEqualTo(200);
        assertThat(field(inventory.body(), "playerId")).isEqualTo(playerId);

        HttpResponse<String> nodes = send(HttpRequest.newBuilder(URI.create(base
                + "/api/game/nodes?lat=37.5665&lon=126.978&radius=1000")).header("authorization", "Bearer " + token).GET());
        assertThat(nodes.statusCode()).as(nodes.body()).isEqualTo(200);
        Matcher node = Pattern.compile("\"nodeId\":\"([^\"]+)\",\"lat\":([-0-9.E]+),\"lon\":([-0-9.E]+)").matcher(nodes.body());
        assertThat(node.find()).as("a node within 1 km: %s", nodes.body()).isTrue();
        mineAndSeeThePush(base, "http://127.0.0.1:" + chainPort, node.group(1), node.group(2), node.group(3), restarts);
        everyListedMetricIsScraped(router);
    }

    /** deploy/observability/metrics.txt against the services' own /metrics pages, once they have served a player. */
    private static void everyListedMetricIsScraped(int router) {
        List<URI> pages = ore.local.service.ServiceCatalog.SERVICES.stream()
                .map(s -> URI.create("http://127.0.0.1:" + s.shifted(router - 8080).port() + "/metrics")).toList();
        System.out.println("LauncherIT: " + MetricsScrape.check(ROOT.resolve("deploy/observability/metrics.txt"), pages)
                .assertComplete());
    }

    /**
     * The whole journey of one player: socket, location, mine (inventory pushed), wallet linked with
     * SIWE (signed by one of the local chain's development accounts, as a wallet app would), a claim,
     * the payout mined on the chain and settled (status pushed too), and the tokens in the wallet.
     */
    private void mineAndSeeThePush(String base, String rpc, String nodeId, String lat, String lon, Restarts restarts)
            throws Exception {
        HttpResponse<String> guest = send(HttpRequest.newBuilder(URI.create(base + "/api/auth/guest"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"deviceId\":\"" + HexFormat.of().formatHex(randomBytes(16)) + "\"}")));
        String token = field(guest.body(), "accessToken");
        String playerId = field(guest.body(), "playerId");
        var frames = new java.util.concurrent.LinkedBlockingQueue<String>();
        var socket = connect(base, token, frames);
        try {
            assertThat(socket.getSubprotocol()).isEqualTo("ore.v1");
            socket.sendText("{\"id\":1,\"type\":\"subscribe\",\"channel\":\"player:" + playerId + "\"}", true).get(10, TimeUnit.SECONDS);
            assertThat(awaitFrame(frames, "\"id\":1")).contains("\"type\":\"result\"");

            long now = System.currentTimeMillis();
            String fixes = "{\"fixes\":[{\"lat\":" + lat + ",\"lon\":" + lon + ",\"accuracy\":5,\"ts\":" + (now - 1000)
                    + "},{\"lat\":" + lat + ",\"lon\":" + lon + ",\"accuracy\":5,\"ts\":" + now + "}]}";
            HttpResponse<String> update = send(HttpRequest.newBuilder(URI.create(base + "/api/location/updates"))
                    .header("authorization", "Bearer " + token).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(fixes)));
            assertThat(update.statusCode()).as(update.body()).isEqualTo(200);
            HttpResponse<String> mine = send(HttpRequest.newBuilder(URI.create(base + "/api/game/mine"))
                    .header("authorization", "Bearer " + token).header("content-type", "application/json")
                    .header("Idempotency-Key", "launcher-it-" + HexFormat.of().formatHex(randomBytes(8)))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"nodeId\":\"" + nodeId + "\"}")));
            assertThat(mine.statusCode()).as(mine.body()).isEqualTo(200);

            String push = awaitFrame(frames, "inventory.changed");
            assertThat(push).contains("\"type\":\"push\"", "\"channel\":\"player:" + playerId + "\"",
                    "\"balance\":" + field(mine.body(), "balance"));

            String wallet = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"; // anvil's development account 1
            String nonce = field(send(HttpRequest.newBuilder(URI.create(base + "/api/auth/siwe/nonce"))
                    .header("authorization", "Bearer " + token).GET()).body(), "nonce");
            String message = "http://localhost:8080 wants you to sign in with your Ethereum account:\n" + wallet
                    + "\n\nLink this wallet to ORE\n\nURI: http://localhost:8080\nVersion: 1\nChain ID: 31337\nNonce: "
                    + nonce + "\nIssued At: " + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            String signature = field(rpc(rpc, "personal_sign", "[\"0x" + HexFormat.of().formatHex(
                    message.getBytes(StandardCharsets.UTF_8)) + "\",\"" + wallet + "\"]"), "result");
            HttpResponse<String> linked = send(HttpRequest.newBuilder(URI.create(base + "/api/auth/siwe/verify"))
                    .header("authorization", "Bearer " + token).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"" + message.replace("\n", "\\n")
                            + "\",\"signature\":\"" + signature + "\",\"refreshToken\":\"" + field(guest.body(), "refreshToken") + "\"}")));
            assertThat(linked.statusCode()).as(linked.body()).isEqualTo(200);
            String walletToken = field(linked.body(), "accessToken");

            if (restarts != null) {
                claimThroughRestarts(base, rpc, playerId, walletToken, wallet, field(mine.body(), "ore"), frames, restarts);
                return;
            }
            HttpResponse<String> claim = send(HttpRequest.newBuilder(URI.create(base + "/api/game/rewards/claim"))
                    .header("authorization", "Bearer " + walletToken).header("content-type", "application/json")
                    .header("Idempotency-Key", "launcher-claim-" + HexFormat.of().formatHex(randomBytes(8)))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"ore\":\"" + field(mine.body(), "ore") + "\"}")));
            assertThat(claim.statusCode()).as(claim.body()).isEqualTo(202);
            String tokenAmount = field(claim.body(), "tokenAmount");

            String paid = awaitFrame(frames, "\"paid\"");
            assertThat(paid).contains("\"type\":\"push\"", field(claim.body(), "rewardId"));
            String rewards = send(HttpRequest.newBuilder(URI.create(base + "/api/game/rewards?limit=1"))
                    .header("authorization", "Bearer " + walletToken).GET()).body();
            assertThat(field(rewards, "status")).as(rewards).isEqualTo("paid");
            assertThat(field(rewards, "txHash")).matches("0x[0-9a-f]{64}");

            // On chain: the wallet holds exactly the claim (a fresh chain per run).
            String balanceOf = "0x70a08231" + "0".repeat(24) + wallet.substring(2).toLowerCase();
            String tokenAddress = "0x5fbdb2315678afecb367f032d93f642f64180aa3"; // first deployment of account 0
            String balance = field(rpc(rpc, "eth_call", "[{\"to\":\"" + tokenAddress + "\",\"data\":\"" + balanceOf
                    + "\"},\"latest\"]"), "result");
            assertThat(new java.math.BigInteger(balance.substring(2), 16)).isEqualTo(new java.math.BigInteger(tokenAmount));
        } finally {
            if (!socket.isOutputClosed()) {
                socket.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * The claim of the journey, with the two restarts a deployment goes through: realtime-engine is
     * stopped (SIGTERM, as a deploy does) while the player's socket is open, and chain-gateway is
     * killed (SIGKILL, a crash) after it broadcast the payout and before the transaction is mined. The
     * launcher restarts both. Then: the payout is paid exactly once, the balance on chain equals the
     * claim, and the client reconnecting with its last offset and epoch gets every message it missed.
     */
    private void claimThroughRestarts(String base, String rpc, String playerId, String walletToken, String wallet,
                                      String ore, java.util.concurrent.BlockingQueue<String> frames, Restarts restarts)
            throws Exception {
        String channel = "player:" + playerId;
        Thread.sleep(1_000); // let any push still on its way arrive: the position to recover from is the last one
        Position last = Position.of(frames, channel);
        assertThat(last.offset()).as("offset of the last push on %s", channel).isPositive();

        // A deploy replaces realtime-engine: the socket is told to come back later.
        restarts.signal("realtime", "TERM");
        String close = awaitFrame(frames, "\"disconnect\"");
        assertThat(close).contains("1012");

        // The chain stops producing blocks, so the payout stays broadcast and unmined while we crash its sender.
        assertThat(rpc(rpc, "evm_setIntervalMining", "[0]")).contains("\"result\"");
        HttpResponse<String> claim = send(HttpRequest.newBuilder(URI.create(base + "/api/game/rewards/claim"))
                .header("authorization", "Bearer " + walletToken).header("content-type", "application/json")
                .header("Idempotency-Key", "launcher-claim-" + HexFormat.of().formatHex(randomBytes(8)))
                .POST(HttpRequest.BodyPublishers.ofString("{\"ore\":\"" + ore + "\"}")));
        assertThat(claim.statusCode()).as(claim.body()).isEqualTo(202);
        String rewardId = field(claim.body(), "rewardId");
        String tokenAmount = field(claim.body(), "tokenAmount");
        restarts.awaitBroadcast(rewardId);
        restarts.signal("chain", "KILL");
        assertThat(rpc(rpc, "evm_setIntervalMining", "[1]")).contains("\"result\"");
        restarts.awaitLine("chain is healthy again");
        restarts.awaitLine("realtime is healthy again");

        // The reward ends paid, through the restarted gateway's settlement.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String rewards = "";
        while (System.nanoTime() < deadline) {
            rewards = send(HttpRequest.newBuilder(URI.create(base + "/api/game/rewards?limit=1"))
                    .header("authorization", "Bearer " + walletToken).GET()).body();
            if (rewards.contains("\"paid\"") || rewards.contains("\"failed\"")) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(field(rewards, "rewardId")).isEqualTo(rewardId);
        assertThat(field(rewards, "status")).as(rewards).isEqualTo("paid");

        // Paid once: one ORE transfer from the treasury to the wallet on the whole chain, for the claim.
        String token = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
        String transfer = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";
        String logs = rpc(rpc, "eth_getLogs", "[{\"address\":\"" + token + "\",\"fromBlock\":\"0x0\",\"toBlock\":\"latest\","
                + "\"topics\":[\"" + transfer + "\",null,\"0x" + "0".repeat(24) + wallet.substring(2).toLowerCase() + "\"]}]");
        assertThat(JSON.readTree(logs).get("result")).as(logs).hasSize(1);
        String balanceOf = "0x70a08231" + "0".repeat(24) + wallet.substring(2).toLowerCase();
        String balance = field(rpc(rpc, "eth_call", "[{\"to\":\"" + token + "\",\"data\":\"" + balanceOf
                + "\"},\"latest\"]"), "result");
        assertThat(new java.math.BigInteger(balance.substring(2), 16)).isEqualTo(new java.math.BigInteger(tokenAmount));

        // The client comes back and recovers what it missed while the engine was away: the claim's
        // events and the settlement, in order, without a gap, then live pushes continue.
        var again = new java.util.concurrent.LinkedBlockingQueue<String>();
        var socket = connect(base, walletToken, again);
        try {
            socket.sendText("{\"id\":7,\"type\":\"subscribe\",\"channel\":\"" + channel + "\",\"offset\":"
                    + last.offset() + ",\"epoch\":\"" + last.epoch() + "\"}", true).get(10, TimeUnit.SECONDS);
            var result = JSON.readTree(awaitFrame(again, "\"id\":7"));
            assertThat(result.path("type").asText()).as(result.toString()).isEqualTo("result");
            assertThat(result.path("recovered").asBoolean()).as(result.toString()).isTrue();
            List<com.fasterxml.jackson.databind.JsonNode> received = new ArrayList<>();
            result.path("publications").forEach(received::add);
            assertThat(received).as("recovered publications: %s", result).isNotEmpty();
            long deadlinePaid = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (received.stream().noneMatch(p -> p.toString().contains("\"paid\"")) && System.nanoTime() < deadlinePaid) {
                String frame = again.poll(1, TimeUnit.SECONDS);
                if (frame != null && frame.contains("\"push\"") && frame.contains(channel)) {
                    received.add(JSON.readTree(frame));
                }
            }
            long expected = last.offset() + 1;
            for (var publication : received) {
                assertThat(publication.path("offset").asLong()).as("offsets without a gap: %s", received).isEqualTo(expected++);
            }
            assertThat(received.toString()).as("the claim and its payout among what the client got back")
                    .contains(rewardId).contains("\"paid\"");
        } finally {
            socket.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        }
    }

    /** A realtime socket through the router, with ore.v1 and the token as subprotocols; frames land in the queue. */
    private java.net.http.WebSocket connect(String base, String token, java.util.concurrent.BlockingQueue<String> frames)
            throws Exception {
        return http.newWebSocketBuilder().subprotocols("ore.v1", "bearer." + token)
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(base.replace("http://", "ws://") + "/ws"), new java.net.http.WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            frames.add(partial.toString());
                            partial.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }
                }).get(30, TimeUnit.SECONDS);
    }

    /** The offset and epoch of the last push on a channel among the frames received so far. */
    private record Position(long offset, String epoch) {
        static Position of(java.util.concurrent.BlockingQueue<String> frames, String channel) throws IOException {
            Position last = new Position(0, "");
            for (String frame : frames) {
                var node = JSON.readTree(frame);
                if ("push".equals(node.path("type").asText()) && channel.equals(node.path("channel").asText())) {
                    last = new Position(node.path("offset").asLong(), node.path("epoch").asText());
                }
            }
            return last;
        }
    }

    /** Signals the launcher's service processes and watches its output and database for the restarts. */
    private record Restarts(Output output, String database) {

        /** Sends the signal to the service's current process (its pid from the launcher's "started" lines). */
        void signal(String service, String signal) throws Exception {
            long pid = output.currentPid(service);
            int before = output.launcherLines().size();
            assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor()).isZero();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                List<String> lines = output.launcherLines();
                if (lines.subList(before, lines.size()).stream().anyMatch(l -> l.contains("] " + service + " ")
                        && l.contains("restarting it"))) {
                    return;
                }
                Thread.sleep(200);
            }
            throw new AssertionError("the launcher did not see " + service + " end; output:\n" + output);
        }

        /** Waits until chain-gateway has stored and broadcast a signed transaction for the reward. */
        void awaitBroadcast(String rewardId) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            try (var c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", "");
                 var query = c.prepareStatement("select count(*) from chain.payout_attempt "
                         + "where reward_id = ?::uuid and broadcast_at is not null")) {
                query.setString(1, rewardId);
                while (System.nanoTime() < deadline) {
                    try (var rows = query.executeQuery()) {
                        if (rows.next() && rows.getLong(1) > 0) {
                            return;
                        }
                    }
                    Thread.sleep(100);
                }
            }
            throw new AssertionError("chain-gateway broadcast no transaction for reward " + rewardId + " within 60 s; output:\n" + output);
        }

        void awaitLine(String text) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (System.nanoTime() < deadline) {
                if (output.launcherLines().stream().anyMatch(l -> l.contains(text))) {
                    return;
                }
                Thread.sleep(200);
            }
            throw new AssertionError("no launcher line with '" + text + "' within 180 s; output:\n" + output);
        }
    }

    private String rpc(String url, String method, String params) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method
                        + "\",\"params\":" + params + "}"))).body();
    }

    /** The first received frame containing the text, waiting up to 60 s. */
    private static String awaitFrame(java.util.concurrent.BlockingQueue<String> frames, String containing) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String frame = frames.poll(1, TimeUnit.SECONDS);
            if (frame != null) {
                seen.add(frame);
                if (frame.contains(containing)) {
                    return frame;
                }
            }
        }
        throw new AssertionError("no frame containing " + containing + " within 60 s; received " + seen);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile(String.format(NUMBER.pattern(), name)).matcher(json);
        assertThat(m.find()).as("field %s in %s", name, json).isTrue();
        return m.group(1);
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    /** An offset whose router and service ports (8080..8085 shifted) are all free right now. */
    private static int freeOffset() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int offset = 2_000 + ThreadLocalRandom.current().nextInt(200) * 50;
            boolean free = true;
            for (int port = 8080 + offset; port <= 8085 + offset && free; port++) {
                free = portFree(port);
            }
            free = free && portFree(8545 + offset);
            if (free) {
                return offset;
            }
        }
        throw new IllegalStateException("no free block of ports for the launcher");
    }

    /**
     * True when nothing listens on the port. SO_REUSEADDR as every server here sets it: connections of
     * a stopped run linger in TIME_WAIT for a minute, which blocks no new listener.
     */
    private static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The launcher's output, kept for failure messages and scanned for the "up" line. */
    private static final class Output {
        final CountDownLatch up = new CountDownLatch(1);
        final List<String> lines = new ArrayList<>();
        final Thread thread;

        Output(Process process) {
            // A platform thread: it blocks reading a pipe.
            thread = Thread.ofPlatform().daemon().name("launcher-output").start(() -> {
                try (BufferedReader reader = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        synchronized (lines) {
                            lines.add(line);
                        }
                        if (line.contains("ORE local stack is up")) {
                            up.countDown();
                        }
                    }
                } catch (IOException e) {
                    // the launcher ended
                }
            });
        }

        /** The launcher's own lines so far. */
        List<String> launcherLines() {
            synchronized (lines) {
                return lines.stream().filter(l -> l.startsWith("[local]")).toList();
            }
        }

        /** The pid of the service's latest process, from "[local] started x (pid n)" / "restarted x (pid n)". */
        long currentPid(String service) {
            Pattern started = Pattern.compile("\\[local] (?:re)?started " + Pattern.quote(service) + " \\(pid (\\d+)\\)");
            long pid = -1;
            for (String line : launcherLines()) {
                Matcher m = started.matcher(line);
                if (m.find()) {
                    pid = Long.parseLong(m.group(1));
                }
            }
            assertThat(pid).as("a started line for %s", service).isPositive();
            return pid;
        }

        @Override
        public String toString() {
            synchronized (lines) {
                // The launcher's own lines and the last of the rest; the services' JSON logs are long.
                List<String> shown = new ArrayList<>();
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    if (line.startsWith("[local]") || line.startsWith("  ") || i >= lines.size() - 40) {
                        shown.add(line.length() > 400 ? line.substring(0, 400) + "..." : line);
                    }
                }
                return String.join("\n", shown);
            }
        }
    }
}
