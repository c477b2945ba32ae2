package ore.local.bots;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import ore.client.auth.model.AuthDtosAccessToken;
import ore.client.auth.model.AuthDtosGuestRequest;
import ore.client.auth.model.AuthDtosGuestTokens;
import ore.client.auth.model.AuthDtosMeWallet;
import ore.client.auth.model.AuthDtosNonce;
import ore.client.auth.model.AuthDtosRefreshRequest;
import ore.client.auth.model.AuthDtosSiweVerifyRequest;
import ore.client.auth.model.AuthDtosTokens;
import ore.client.auth.model.AuthDtosWalletLinked;
import ore.client.game.model.GameDtosClaimRequest;
import ore.client.game.model.GameDtosMineRequest;
import ore.client.game.model.GameDtosMined;
import ore.client.game.model.GameDtosNode;
import ore.client.game.model.GameDtosNodes;
import ore.client.game.model.GameDtosRewardView;
import ore.client.game.model.GameDtosRewards;
import ore.client.location.model.LocationDtosFixResult;
import ore.client.location.model.LocationDtosUpdateResponse;

/**
 * One simulated player, on its own (virtual) thread: signs in as a guest, links a fresh wallet with
 * SIWE, holds the realtime socket, walks with a phone that reports a fix a second and uploads them in
 * batches every ~5 s, lists the nodes around it, walks to the nearest and mines it a few times,
 * claims its ore now and then, and after the play time claims the rest and waits for its payouts.
 * It plays honestly: timestamps are the sample times (never ahead of the clock), the track is a
 * walk, and it mines only once the server has a fresh fix of it standing at the node.
 *
 * <p>What the server answers is judged: expected refusals (a depleted or expired node, the cooldown)
 * are counted, 429 / 503 are backed off from, everything else unexpected is an error — as is a push
 * the socket should have carried and did not.
 */
final class Bot implements Runnable {

    static final String MINE = "POST /api/game/mine";
    static final String CLAIM = "POST /api/game/rewards/claim";
    static final String REWARDS = "GET /api/game/rewards";
    static final String NODES = "GET /api/game/nodes";
    static final String UPDATES = "POST /api/location/updates";

    /** Mining distance of game-service is 40 m; the bot wants its reported position well inside it. */
    private static final double MINE_FROM_M = 30.0;
    private static final double MAX_MINING_ACCURACY_M = 20.0;
    private static final int MAX_BATCH = 50;
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final int index;
    private final BotOptions options;
    private final Metrics metrics;
    private final Api api;
    private final ChainRpc chain;
    private final SplittableRandom random;
    private final Geo.Point centre;
    private final double areaRadiusM;
    private final long startAtNanos;
    private final long playEndNanos;
    private final long settleEndNanos;
    private String who;

    private String playerId;
    private String refreshToken;
    private long tokenExpiresAtNanos;
    private RealtimeSocket socket;
    private Siwe.Wallet wallet;
    private boolean walletLinked;

    private Walker walker;
    private GpsNoise gps;
    private final List<Fix> unsent = new ArrayList<>();
    private long nextSampleMs;
    private long nextBatchAtNanos;
    /** The newest fix the server accepted, and whether it was TRUSTED. */
    private Fix lastAccepted;
    private boolean lastTrusted;

    private Node target;
    private final Set<String> doneNodes = new HashSet<>();
    private long nextListAtNanos;
    private int tapsLeft;
    private long nextMineAtNanos;
    private long arrivedAtNanos;
    private int mineSeq;

    private final Map<String, Long> balances = new LinkedHashMap<>();
    private long nextClaimAtNanos;
    private final Map<String, Reward> pending = new LinkedHashMap<>();
    private final Map<String, Reward> paid = new LinkedHashMap<>();
    private final Set<String> paidByPush = new HashSet<>();
    private long nextRewardPollNanos;
    private BigInteger paidTokens = BigInteger.ZERO;

    private long minesOk;
    private long minedPushes;
    private long claimsOk;
    private long claimPushes;

    record Node(String nodeId, Geo.Point point, String ore, int remaining) {
    }

    private static final class Reward {
        final String rewardId;
        final long requestedAtNanos;
        final BigInteger tokenAmount;
        long paidAtNanos;

        Reward(String rewardId, long requestedAtNanos, BigInteger tokenAmount) {
            this.rewardId = rewardId;
            this.requestedAtNanos = requestedAtNanos;
            this.tokenAmount = tokenAmount;
        }
    }

    Bot(int index, BotOptions options, Metrics metrics, Api api, ChainRpc chain, long seed, Geo.Point centre,
        double areaRadiusM, long startAtNanos, long playEndNanos, long settleEndNanos) {
        this.index = index;
        this.options = options;
        this.metrics = metrics;
        this.api = api;
        this.chain = chain;
        this.random = new SplittableRandom(seed);
        this.centre = centre;
        this.areaRadiusM = areaRadiusM;
        this.startAtNanos = startAtNanos;
        this.playEndNanos = playEndNanos;
        this.settleEndNanos = settleEndNanos;
        this.who = "bot " + index;
    }

    @Override
    public void run() {
        boolean active = false;
        try {
            sleepUntil(startAtNanos);
            if (!signIn()) {
                return;
            }
            active = true;
            metrics.active.incrementAndGet();
            socket = new RealtimeSocket(api.client(), options.webSocketUri(), metrics, who, playerId);
            socket.open(api.token());
            linkWallet();
            play();
            settle();
            checkChain();
            checkPushes();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            metrics.error("bot crashed: " + e.getClass().getSimpleName(), who + ": " + e);
        } finally {
            if (socket != null) {
                socket.close();
            }
            if (active) {
                metrics.active.decrementAndGet();
            }
        }
    }

    // ---- sign-in, wallet, token ----

    private boolean signIn() throws InterruptedException {
        String deviceId = UUID.randomUUID().toString();
        Api.Reply<AuthDtosGuestTokens> r = api.exchange("POST /api/auth/guest",
                c -> c.session().signInAsGuestWithHttpInfo(new AuthDtosGuestRequest().deviceId(deviceId)),
                System.nanoTime() + 60 * SECOND);
        if (r == null || !(r.status() == 201 || r.status() == 200)) {
            if (r != null && (r.status() == 429 || r.status() == 503)) {
                metrics.error("could not sign in (throttled for 60 s)", who + ": " + r.brief());
            } else if (r != null) {
                unexpected("POST /api/auth/guest", r);
            }
            return false;
        }
        AuthDtosTokens tokens = r.data().getTokens();
        playerId = tokens.getPlayerId().toString();
        who = "player " + playerId;
        takeTokens(tokens);
        metrics.signedIn.increment();
        return true;
    }

    private void takeTokens(AuthDtosTokens tokens) {
        api.token(tokens.getAccessToken());
        if (tokens.getRefreshToken() != null) {
            refreshToken = tokens.getRefreshToken();
        }
        tokenExpiresAtNanos = System.nanoTime() + expiresIn(tokens.getExpiresIn()) * SECOND;
    }

    private static long expiresIn(Long seconds) {
        return seconds == null ? 900 : seconds;
    }

    private void linkWallet() throws InterruptedException {
        wallet = Siwe.Wallet.random();
        Api.Reply<AuthDtosNonce> nonce = api.exchange("GET /api/auth/siwe/nonce",
                c -> c.wallet().getSiweNonceWithHttpInfo(), System.nanoTime() + 30 * SECOND);
        if (nonce == null || nonce.status() != 200) {
            if (nonce != null) {
                unexpected("GET /api/auth/siwe/nonce", nonce);
            }
            return;
        }
        String message = Siwe.message(options.siweOrigin(), wallet.address(), options.siweUri(), options.chainId(),
                nonce.data().getNonce(), Instant.now());
        AuthDtosSiweVerifyRequest proof = new AuthDtosSiweVerifyRequest().message(message)
                .signature(Siwe.sign(message, wallet.key())).refreshToken(refreshToken);
        Api.Reply<AuthDtosWalletLinked> linked = api.exchange("POST /api/auth/siwe/verify",
                c -> c.wallet().linkWalletWithHttpInfo(proof), System.nanoTime() + 30 * SECOND);
        if (linked == null || linked.status() != 200) {
            if (linked != null) {
                unexpected("POST /api/auth/siwe/verify", linked);
            }
            return;
        }
        AuthDtosAccessToken token = linked.data().getToken();
        api.token(token.getAccessToken());
        tokenExpiresAtNanos = System.nanoTime() + expiresIn(token.getExpiresIn()) * SECOND;
        AuthDtosMeWallet linkedWallet = linked.data().getPlayer().getWallet();
        String address = linkedWallet == null ? "" : linkedWallet.getAddress();
        if (!address.isEmpty() && !address.equalsIgnoreCase(wallet.address())) {
            metrics.error("siwe linked another address", who + ": signed " + wallet.address() + ", linked " + address);
        }
        walletLinked = true;
        metrics.walletsLinked.increment();
        socket.refresh(api.token());
    }

    /** Rotates the tokens two minutes before the access token expires and hands the new one to the socket. */
    private void refreshTokenIfDue() throws InterruptedException {
        if (refreshToken == null || System.nanoTime() < tokenExpiresAtNanos - 120 * SECOND) {
            return;
        }
        String current = refreshToken;
        Api.Reply<AuthDtosTokens> r = api.exchange("POST /api/auth/refresh",
                c -> c.session().refreshTokensWithHttpInfo(new AuthDtosRefreshRequest().refreshToken(current)),
                System.nanoTime() + 30 * SECOND);
        if (r == null || r.status() != 200) {
            if (r != null) {
                unexpected("POST /api/auth/refresh", r);
            }
            tokenExpiresAtNanos += 30 * SECOND;
            return;
        }
        takeTokens(r.data());
        socket.refresh(api.token());
    }

    // ---- playing ----

    private void play() throws InterruptedException {
        walker = Walker.randomStart(centre, areaRadiusM, random);
        gps = new GpsNoise(random);
        nextSampleMs = System.currentTimeMillis();
        sampleDueFixes();
        sendBatch(); // the first fix at once: the server needs a position before nodes can be listed
        long now = System.nanoTime();
        nextBatchAtNanos = now + jitter(5.0, 0.5);
        nextListAtNanos = now + SECOND;
        nextClaimAtNanos = now + jitter(60, 15);
        while (System.nanoTime() < playEndNanos) {
            sampleDueFixes();
            drainPushes();
            socket.maintain(api.token());
            refreshTokenIfDue();
            if (System.nanoTime() >= nextBatchAtNanos) {
                sendBatch();
                nextBatchAtNanos = System.nanoTime() + jitter(5.0, 0.5);
            }
            act();
            if (walletLinked && System.nanoTime() >= nextClaimAtNanos) {
                claimAll();
                nextClaimAtNanos = System.nanoTime() + jitter(60, 15);
            }
            if (!pending.isEmpty() && System.nanoTime() >= nextRewardPollNanos) {
                pollRewards();
                nextRewardPollNanos = System.nanoTime() + 10 * SECOND;
            }
            pause();
        }
        sampleDueFixes();
        sendBatch();
    }

    /** Sleeps until the next fix is due (at most a second), earlier if a mine is due sooner. */
    private void pause() throws InterruptedException {
        long untilSampleMs = nextSampleMs - System.currentTimeMillis();
        long sleepMs = Math.max(50, Math.min(1000, untilSampleMs + 5));
        if (target != null && walker.arrived()) {
            long untilMineMs = TimeUnit.NANOSECONDS.toMillis(nextMineAtNanos - System.nanoTime());
            sleepMs = Math.max(50, Math.min(sleepMs, untilMineMs));
        }
        Thread.sleep(sleepMs);
    }

    /** The phone samples once a second; the walk advances one second per sample, at the sample's time. */
    private void sampleDueFixes() {
        long now = System.currentTimeMillis();
        while (nextSampleMs <= now) {
            walker.advance(1.0);
            unsent.add(gps.sample(walker.position(), walker.speedMps(), walker.headingDeg(), nextSampleMs));
            nextSampleMs += 1000;
        }
    }

    /** Uploads the buffered fixes (oldest first, at most 50 a request); kept for the next try if no answer. */
    private void sendBatch() throws InterruptedException {
        // After a long throttling the oldest fixes would be refused as stale (10 min): a phone drops them.
        long staleBefore = System.currentTimeMillis() - TimeUnit.MINUTES.toMillis(9);
        while (!unsent.isEmpty() && unsent.getFirst().tsMillis() < staleBefore) {
            unsent.removeFirst();
            metrics.refusal("bot: buffered fix dropped, too old to send");
        }
        while (!unsent.isEmpty()) {
            List<Fix> batch = List.copyOf(unsent.subList(0, Math.min(MAX_BATCH, unsent.size())));
            Api.Reply<LocationDtosUpdateResponse> r = api.exchange(UPDATES,
                    c -> c.location().sendLocationUpdatesWithHttpInfo(Fix.request(batch)), System.nanoTime() + 10 * SECOND);
            if (r == null || r.status() == 429 || r.status() == 503) {
                return; // counted already; the fixes stay buffered
            }
            unsent.subList(0, batch.size()).clear();
            if (r.status() != 200) {
                unexpected(UPDATES, r);
                return;
            }
            metrics.batches.increment();
            metrics.fixesSent.add(batch.size());
            judge(batch, r.data().getResults());
        }
    }

    private void judge(List<Fix> batch, List<LocationDtosFixResult> results) {
        for (LocationDtosFixResult result : results) {
            int i = result.getIndex() == null ? -1 : result.getIndex();
            String verdict = result.getVerdict() == null ? "" : result.getVerdict();
            List<String> reasons = result.getReasons() == null ? List.of() : result.getReasons();
            boolean accepted = Boolean.TRUE.equals(result.getAccepted());
            switch (verdict) {
                case "TRUSTED" -> metrics.fixesTrusted.increment();
                case "SUSPICIOUS" -> metrics.fixesSuspicious.increment();
                default -> metrics.fixesRejected.increment();
            }
            for (String reason : reasons) {
                metrics.verdictReason(verdict.toLowerCase(Locale.ROOT) + ":" + reason);
            }
            if (!accepted && !reasons.equals(List.of("duplicate"))) {
                // An honest walk must never be refused; "duplicate" only follows a retried batch.
                metrics.error("fix rejected " + reasons, who + ": " + (i >= 0 && i < batch.size() ? batch.get(i).toJson() : "")
                        + " → " + result);
            }
            if (accepted && i >= 0 && i < batch.size()) {
                lastAccepted = batch.get(i);
                lastTrusted = verdict.equals("TRUSTED");
            }
        }
    }

    private void act() throws InterruptedException {
        long now = System.nanoTime();
        if (target == null) {
            if (now >= nextListAtNanos) {
                listNodes();
                nextListAtNanos = System.nanoTime() + jitter(30, 5);
            }
            return;
        }
        if (!walker.arrived()) {
            if (now >= nextListAtNanos) {
                listNodes(); // the node may have been mined out by others meanwhile
                nextListAtNanos = System.nanoTime() + jitter(30, 5);
            }
            arrivedAtNanos = 0;
            return;
        }
        if (arrivedAtNanos == 0) {
            arrivedAtNanos = now;
            tapsLeft = 3 + random.nextInt(6);
            nextMineAtNanos = now + jitter(1.5, 0.5); // look at the phone, tap
        }
        if (now < nextMineAtNanos) {
            return;
        }
        sampleDueFixes();
        sendBatch(); // the server judges mining on its newest trusted fix: give it this one
        if (lastAccepted == null || !lastTrusted || lastAccepted.accuracyM() > MAX_MINING_ACCURACY_M
                || Geo.distanceM(lastAccepted.point(), target.point()) > MINE_FROM_M) {
            if (System.nanoTime() - arrivedAtNanos > 60 * SECOND) {
                metrics.refusal("bot: no trusted fix near the node for 60 s");
                leaveNode();
            } else {
                nextMineAtNanos = System.nanoTime() + SECOND;
            }
            return;
        }
        mine();
    }

    private void listNodes() throws InterruptedException {
        Geo.Point here = lastAccepted != null ? lastAccepted.point() : walker.position();
        Api.Reply<GameDtosNodes> r = api.exchange(NODES, c -> c.nodes().listNodesWithHttpInfo(here.lat(), here.lon(), 500.0),
                System.nanoTime() + 10 * SECOND);
        if (r == null || r.status() == 429 || r.status() == 503) {
            return;
        }
        if (r.status() != 200) {
            unexpected(NODES, r);
            return;
        }
        metrics.nodeLists.increment();
        Node best = null;
        double bestDistance = Double.MAX_VALUE;
        boolean targetStillThere = false;
        for (GameDtosNode n : r.data().getNodes()) {
            Node node = new Node(n.getNodeId(), new Geo.Point(n.getLat(), n.getLon()), n.getOre(), n.getRemaining());
            if (target != null && node.nodeId().equals(target.nodeId())) {
                targetStillThere = node.remaining() > 0;
            }
            if (node.remaining() <= 0 || doneNodes.contains(node.nodeId())
                    || Geo.distanceM(centre, node.point()) > areaRadiusM + 300) {
                continue;
            }
            double d = Geo.distanceM(walker.position(), node.point());
            if (d < bestDistance) {
                best = node;
                bestDistance = d;
            }
        }
        if (target != null && targetStillThere) {
            return;
        }
        target = best;
        arrivedAtNanos = 0;
        if (best == null) {
            walker.wander();
        } else {
            walker.walkTo(best.point(), 3.0 + random.nextDouble() * 9.0);
        }
    }

    private void mine() throws InterruptedException {
        String key = "bot-" + playerId.substring(0, 8) + "-" + (++mineSeq) + "-" + hex(6);
        GameDtosMineRequest request = new GameDtosMineRequest().nodeId(target.nodeId());
        Api.Reply<GameDtosMined> r = api.exchange(MINE, c -> c.mining().mineWithHttpInfo(key, request),
                System.nanoTime() + 15 * SECOND);
        long now = System.nanoTime();
        if (r == null || r.status() == 503 || (r.status() == 429 && !"game.cooldown".equals(r.code()))) {
            nextMineAtNanos = now + 2 * SECOND;
            return;
        }
        if (r.status() == 200) {
            GameDtosMined m = r.data();
            metrics.mines.increment();
            metrics.oreMined.add(m.getAmount());
            balances.put(m.getOre(), m.getBalance());
            minesOk++;
            tapsLeft--;
            if ((m.getNodeRemaining() != null && m.getNodeRemaining() <= 0) || tapsLeft <= 0) {
                leaveNode();
            } else {
                nextMineAtNanos = now + jitter(4.0, 0.8); // the cooldown is 3 s; a thumb is not a metronome
            }
            return;
        }
        String code = r.code();
        switch (code == null ? "" : code) {
            case "game.node_depleted", "game.node_expired" -> {
                metrics.refusal(code);
                leaveNode();
            }
            case "game.cooldown" -> {
                metrics.refusal(code);
                nextMineAtNanos = now + r.retryAfter(java.time.Duration.ofSeconds(3)).toNanos() + SECOND / 4;
            }
            default -> {
                unexpected(MINE, r);
                leaveNode();
            }
        }
    }

    private void leaveNode() {
        if (target != null) {
            doneNodes.add(target.nodeId());
        }
        target = null;
        arrivedAtNanos = 0;
        walker.wander();
        nextListAtNanos = System.nanoTime() + jitter(3, 1);
    }

    // ---- claims and payouts ----

    private void claimAll() throws InterruptedException {
        for (var entry : new ArrayList<>(balances.entrySet())) {
            if (entry.getValue() > 0) {
                claim(entry.getKey());
            }
        }
    }

    private void claim(String ore) throws InterruptedException {
        String key = "bot-claim-" + playerId.substring(0, 8) + "-" + hex(6);
        Api.Reply<GameDtosRewardView> r = api.exchange(CLAIM,
                c -> c.rewards().claimRewardWithHttpInfo(new GameDtosClaimRequest().ore(ore), key), System.nanoTime() + 30 * SECOND);
        if (r == null || r.status() == 429 || r.status() == 503) {
            return;
        }
        if (r.status() != 202 && r.status() != 200) {
            // 200: the same key again after a lost answer (a retry after 503), the claim made once.
            unexpected(CLAIM, r);
            return;
        }
        GameDtosRewardView c = r.data();
        metrics.claims.increment();
        claimsOk++;
        balances.put(ore, 0L);
        Reward reward = new Reward(c.getRewardId().toString(), System.nanoTime(), new BigInteger(c.getTokenAmount()));
        pending.put(reward.rewardId, reward);
        settled(reward.rewardId, c.getStatus(), null, false);
    }

    /** A claim's status seen (from the API or a push): paid confirms it, failed is an error. */
    private void settled(String rewardId, String status, String failureReason, boolean byPush) {
        if (byPush && "paid".equals(status)) {
            paidByPush.add(rewardId);
        }
        Reward reward = pending.get(rewardId);
        if (reward == null) {
            return;
        }
        switch (status) {
            case "paid" -> {
                pending.remove(rewardId);
                reward.paidAtNanos = System.nanoTime();
                paid.put(rewardId, reward);
                paidTokens = paidTokens.add(reward.tokenAmount);
                metrics.payoutsConfirmed.increment();
                if (byPush) {
                    metrics.payoutsSeenByPush.increment();
                }
                metrics.claimPaidAfter(TimeUnit.NANOSECONDS.toMillis(reward.paidAtNanos - reward.requestedAtNanos));
            }
            case "failed" -> {
                pending.remove(rewardId);
                metrics.error("payout failed", who + ": reward " + rewardId + " failed: " + failureReason);
            }
            default -> {
                // requested: still on its way
            }
        }
    }

    private void pollRewards() throws InterruptedException {
        Api.Reply<GameDtosRewards> r = api.exchange(REWARDS, c -> c.rewards().listRewardsWithHttpInfo(50, null),
                System.nanoTime() + 10 * SECOND);
        if (r == null || r.status() == 429 || r.status() == 503) {
            return;
        }
        if (r.status() != 200) {
            unexpected(REWARDS, r);
            return;
        }
        for (GameDtosRewardView reward : r.data().getRewards()) {
            settled(reward.getRewardId().toString(), reward.getStatus(), reward.getFailureReason(), false);
        }
    }

    private void drainPushes() {
        JsonNode data;
        while ((data = socket.pushes.poll()) != null) {
            switch (data.path("type").asText()) {
                case "inventory.changed" -> {
                    switch (data.path("reason").asText()) {
                        case "mined" -> minedPushes++;
                        case "claim" -> claimPushes++;
                        default -> {
                        }
                    }
                }
                case "reward.status" -> settled(data.path("rewardId").asText(), data.path("status").asText(), null, true);
                default -> {
                }
            }
        }
    }

    /** After the play time: claim what is left and wait (at most until the settle deadline) for every payout. */
    private void settle() throws InterruptedException {
        if (walletLinked) {
            claimAll();
        }
        long lastPoll = 0;
        while (!pending.isEmpty() && System.nanoTime() < settleEndNanos) {
            drainPushes();
            socket.maintain(api.token());
            refreshTokenIfDue();
            if (System.nanoTime() - lastPoll > 3 * SECOND) {
                pollRewards();
                lastPoll = System.nanoTime();
            }
            Thread.sleep(250);
        }
        for (Reward r : pending.values()) {
            metrics.error("payout not confirmed in time", who + ": reward " + r.rewardId + " still requested "
                    + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - r.requestedAtNanos) + " s after the claim");
        }
    }

    /** The wallet is fresh, so it holds exactly what was paid to it. */
    private void checkChain() throws InterruptedException {
        if (paid.isEmpty() || chain == null) {
            return;
        }
        try {
            BigInteger balance = chain.balanceOf(wallet.address());
            if (!balance.equals(paidTokens)) {
                metrics.error("token balance differs from the paid claims", who + ": wallet " + wallet.address()
                        + " holds " + balance + " wei, paid claims total " + paidTokens);
            }
        } catch (IOException e) {
            metrics.error("chain RPC failed", who + ": " + e.getMessage());
        }
    }

    /** Every mine, claim and payout must have been pushed on the player channel (give stragglers 10 s). */
    private void checkPushes() throws InterruptedException {
        long until = System.nanoTime() + 10 * SECOND;
        while (System.nanoTime() < until && !pushesComplete()) {
            Thread.sleep(250);
            drainPushes();
        }
        if (socket.hadGap()) {
            return; // an unrecoverable gap: missing pushes are explained (counted as such)
        }
        if (minedPushes < minesOk) {
            metrics.error("push missing: inventory.changed (mined)", who + ": " + minesOk + " mines, "
                    + minedPushes + " pushes");
        }
        if (claimPushes < claimsOk) {
            metrics.error("push missing: inventory.changed (claim)", who + ": " + claimsOk + " claims, "
                    + claimPushes + " pushes");
        }
        for (String rewardId : paid.keySet()) {
            if (!paidByPush.contains(rewardId)) {
                metrics.error("push missing: reward.status paid", who + ": reward " + rewardId
                        + " is paid (API) but its push never came");
            }
        }
    }

    private boolean pushesComplete() {
        return minedPushes >= minesOk && claimPushes >= claimsOk && paidByPush.containsAll(paid.keySet());
    }

    // ---- helpers ----

    private void unexpected(String endpoint, Api.Reply<?> r) {
        String code = r.code();
        metrics.error(endpoint + " → " + r.status() + (code == null ? "" : " " + code), who + ": " + r.brief());
    }

    private long jitter(double seconds, double plusMinus) {
        double s = seconds + (random.nextDouble() * 2 - 1) * plusMinus;
        return (long) (Math.max(0, s) * SECOND);
    }

    /** Random hex for idempotency keys: not from the walk's seed, so a repeated seed repeats no key. */
    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
