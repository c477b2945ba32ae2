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
import ore.client.ApiException;
import ore.client.OreClient;
import ore.client.auth.model.AuthDtosGuestRequest;
import ore.client.auth.model.AuthDtosGuestTokens;
import ore.client.auth.model.AuthDtosSiweVerifyRequest;
import ore.client.auth.model.AuthDtosTokens;
import ore.client.auth.model.AuthDtosWalletLinked;
import ore.client.game.model.GameDtosClaimRequest;
import ore.client.game.model.GameDtosInventory;
import ore.client.game.model.GameDtosMineRequest;
import ore.client.game.model.GameDtosMined;
import ore.client.game.model.GameDtosNode;
import ore.client.game.model.GameDtosNodes;
import ore.client.game.model.GameDtosRewardView;
import ore.client.location.model.LocationDtosFixIn;
import ore.client.location.model.LocationDtosUpdateRequest;
import ore.client.location.model.LocationDtosUpdateResponse;
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
        // The first run exports every service's spans to a receiver here and checks the journey's traces.
        OtlpReceiver traces = processors == 2 && signal.equals("INT") && !restarts ? OtlpReceiver.start() : null;
        if (traces != null) {
            builder.environment().put("ORE_LOCAL_OTEL_ENDPOINT", traces.endpoint());
        }
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
            if (traces != null) {
                JourneyTraces.assertThem(traces);
            }
            if (processors == 2 && !restarts) {
                typeScriptClientSmokeTest(router);
            }

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
            if (traces != null) {
                traces.close();
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
     * Through the router only, with the Java client generated from the services' OpenAPI documents
     * (module ore-client): a guest signs in, sends a location update and finds a node; a second
     * player standing at that node holds a WebSocket (tunnelled to realtime-engine), subscribes to
     * its own channel, mines the node, and the inventory change arrives on the socket. A drift between
     * a document and its service fails here: the client is built from the documents.
     */
    private void playThroughTheRouter(int router, int chainPort, Restarts restarts) throws Exception {
        String base = "http://127.0.0.1:" + router;
        OreClient client = OreClient.connect(URI.create(base));
        AuthDtosTokens guest = signInAsGuest(client);
        client.accessToken(guest.getAccessToken());

        long now = System.currentTimeMillis();
        LocationDtosUpdateResponse update = client.location().sendLocationUpdates(fixesAt(37.5665, 126.978, now));
        assertThat(update.getAccepted()).as(update.toString()).isEqualTo(2);

        GameDtosInventory inventory = client.inventory().getInventory();
        assertThat(inventory.getPlayerId()).isEqualTo(guest.getPlayerId());

        GameDtosNodes nodes = client.nodes().listNodes(37.5665, 126.978, 1000.0);
        assertThat(nodes.getNodes()).as("a node within 1 km: %s", nodes).isNotEmpty();
        GameDtosNode node = nodes.getNodes().getFirst();
        mineAndSeeThePush(base, "http://127.0.0.1:" + chainPort, node, restarts);
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
     * The TypeScript client (clients/typescript) as a web or Node game tool uses it: its types are
     * generated from the documents this build wrote and compiled (a drift fails tsc), then its smoke
     * test signs in, mines and reads the inventory through the router. Node's test runner, a process of
     * its own; its output goes to a file (no pipe to drain) and into the failure message.
     */
    private static void typeScriptClientSmokeTest(int router) throws Exception {
        Path client = ROOT.resolve("clients/typescript");
        assertThat(client.resolve("node_modules")).as("the client's packages: npm ci --prefix clients/typescript").isDirectory();
        for (List<String> command : List.of(List.of("npm", "run", "-s", "build"), List.of("npm", "run", "-s", "smoke"))) {
            Path log = java.nio.file.Files.createTempFile("ore-ts-client", ".log");
            try {
                ProcessBuilder npm = new ProcessBuilder(command).directory(client.toFile())
                        .redirectErrorStream(true).redirectOutput(log.toFile());
                npm.environment().put("ORE_BASE_URL", "http://127.0.0.1:" + router);
                Process process = npm.start();
                process.getOutputStream().close();
                boolean ended = process.waitFor(5, TimeUnit.MINUTES);
                if (!ended) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
                String out = java.nio.file.Files.readString(log);
                assertThat(ended).as("%s ended within 5 minutes:%n%s", command, out).isTrue();
                assertThat(process.exitValue()).as("%s in clients/typescript:%n%s", command, out).isZero();
                if (command.contains("smoke")) {
                    assertThat(out).as("the smoke tests ran and none failed").containsPattern("# pass [1-9]").contains("# fail 0");
                }
            } finally {
                java.nio.file.Files.deleteIfExists(log);
            }
        }
    }

    private static AuthDtosTokens signInAsGuest(OreClient client) throws ApiException {
        AuthDtosGuestTokens guest = client.session().signInAsGuest(
                new AuthDtosGuestRequest().deviceId(HexFormat.of().formatHex(randomBytes(16))));
        assertThat(guest.getCreated()).as("a new device creates an account").isTrue();
        return guest.getTokens();
    }

    /** Two fixes a second apart at one point, the last one now. */
    private static LocationDtosUpdateRequest fixesAt(double lat, double lon, long nowMillis) {
        return new LocationDtosUpdateRequest()
                .addFixesItem(new LocationDtosFixIn().lat(lat).lon(lon).accuracy(5.0).ts(nowMillis - 1000))
                .addFixesItem(new LocationDtosFixIn().lat(lat).lon(lon).accuracy(5.0).ts(nowMillis));
    }

    /**
     * The whole journey of one player: socket, location, mine (inventory pushed), wallet linked with
     * SIWE (signed by one of the local chain's development accounts, as a wallet app would), a claim,
     * the payout mined on the chain and settled (status pushed too), and the tokens in the wallet.
     */
    private void mineAndSeeThePush(String base, String rpc, GameDtosNode node, Restarts restarts) throws Exception {
        OreClient client = OreClient.connect(URI.create(base));
        AuthDtosTokens guest = signInAsGuest(client);
        client.accessToken(guest.getAccessToken());
        String playerId = guest.getPlayerId().toString();
        var frames = new java.util.concurrent.LinkedBlockingQueue<String>();
        var socket = connect(base, guest.getAccessToken(), frames);
        try {
            assertThat(socket.getSubprotocol()).isEqualTo("ore.v1");
            socket.sendText("{\"id\":1,\"type\":\"subscribe\",\"channel\":\"player:" + playerId + "\"}", true).get(10, TimeUnit.SECONDS);
            assertThat(awaitFrame(frames, "\"id\":1")).contains("\"type\":\"result\"");

            LocationDtosUpdateResponse update = client.location().sendLocationUpdates(
                    fixesAt(node.getLat(), node.getLon(), System.currentTimeMillis()));
            assertThat(update.getAccepted()).as(update.toString()).isEqualTo(2);
            GameDtosMined mine = client.mining().mine("launcher-it-" + HexFormat.of().formatHex(randomBytes(8)),
                    new GameDtosMineRequest().nodeId(node.getNodeId()));
            assertThat(mine.getAmount()).isPositive();

            String push = awaitFrame(frames, "inventory.changed");
            assertThat(push).contains("\"type\":\"push\"", "\"channel\":\"player:" + playerId + "\"",
                    "\"balance\":" + mine.getBalance());

            String wallet = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"; // anvil's development account 1
            String nonce = client.wallet().getSiweNonce().getNonce();
            String message = "http://localhost:8080 wants you to sign in with your Ethereum account:\n" + wallet
                    + "\n\nLink this wallet to ORE\n\nURI: http://localhost:8080\nVersion: 1\nChain ID: 31337\nNonce: "
                    + nonce + "\nIssued At: " + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            String signature = field(rpc(rpc, "personal_sign", "[\"0x" + HexFormat.of().formatHex(
                    message.getBytes(StandardCharsets.UTF_8)) + "\",\"" + wallet + "\"]"), "result");
            AuthDtosWalletLinked linked = client.wallet().linkWallet(new AuthDtosSiweVerifyRequest()
                    .message(message).signature(signature).refreshToken(guest.getRefreshToken()));
            assertThat(linked.getPlayer().getWallet().getAddress()).isEqualToIgnoringCase(wallet);
            client.accessToken(linked.getToken().getAccessToken());

            if (restarts != null) {
                claimThroughRestarts(client, base, linked.getToken().getAccessToken(), rpc, playerId, wallet, mine.getOre(),
                        frames, restarts);
                return;
            }
            var accepted = client.rewards().claimRewardWithHttpInfo(new GameDtosClaimRequest().ore(mine.getOre()),
                    "launcher-claim-" + HexFormat.of().formatHex(randomBytes(8)));
            assertThat(accepted.getStatusCode()).as("a claim is accepted, paid later").isEqualTo(202);
            GameDtosRewardView claim = accepted.getData();
            String tokenAmount = claim.getTokenAmount();

            String paid = awaitFrame(frames, "\"paid\"");
            assertThat(paid).contains("\"type\":\"push\"", claim.getRewardId().toString());
            GameDtosRewardView reward = client.rewards().listRewards(1, null).getRewards().getFirst();
            assertThat(reward.getStatus()).as(reward.toString()).isEqualTo("paid");
            assertThat(reward.getTxHash()).matches("0x[0-9a-f]{64}");

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
    private void claimThroughRestarts(OreClient client, String base, String walletToken, String rpc, String playerId,
                                      String wallet, String ore,
                                      java.util.concurrent.BlockingQueue<String> frames, Restarts restarts)
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
        GameDtosRewardView claim = client.rewards().claimReward(new GameDtosClaimRequest().ore(ore),
                "launcher-claim-" + HexFormat.of().formatHex(randomBytes(8)));
        String rewardId = claim.getRewardId().toString();
        String tokenAmount = claim.getTokenAmount();
        restarts.awaitBroadcast(rewardId);
        restarts.signal("chain", "KILL");
        assertThat(rpc(rpc, "evm_setIntervalMining", "[1]")).contains("\"result\"");
        restarts.awaitLine("chain is healthy again");
        restarts.awaitLine("realtime is healthy again");

        // The reward ends paid, through the restarted gateway's settlement.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        GameDtosRewardView reward = client.rewards().listRewards(1, null).getRewards().getFirst();
        while (System.nanoTime() < deadline && !List.of("paid", "failed").contains(reward.getStatus())) {
            Thread.sleep(500);
            reward = client.rewards().listRewards(1, null).getRewards().getFirst();
        }
        assertThat(reward.getRewardId()).hasToString(rewardId);
        assertThat(reward.getStatus()).as(reward.toString()).isEqualTo("paid");

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
