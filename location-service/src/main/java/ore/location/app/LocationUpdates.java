package ore.location.app;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import ore.location.app.port.CheatModel;
import ore.location.app.port.MovementFeed;
import ore.location.app.port.PlayerStates;
import ore.location.app.port.Presence;
import ore.location.app.port.TrackingLog;
import ore.location.domain.LocationErrors;
import ore.location.domain.anticheat.AntiCheat;
import ore.location.domain.anticheat.FeatureExtractor;
import ore.location.domain.anticheat.ModelScore;
import ore.location.domain.anticheat.PlayerWindow;
import ore.location.domain.fix.Fix;
import ore.location.domain.fix.Judgement;
import ore.location.domain.fix.PlayerTrack;
import ore.location.domain.fix.Reason;
import ore.location.domain.geo.GeoMath;
import ore.location.domain.geo.HexGrid;
import ore.location.domain.zone.ZoneIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/location/updates}: judges a batch of fixes and applies the accepted ones.
 *
 * <p>Order of effects, chosen so that a failure at any step leaves nothing half-done that a retry
 * of the same batch would not repair:
 * <ol>
 *   <li>load the player's state (one Redis round trip);</li>
 *   <li>judge every fix: edge checks and physics rules in order, then the model for the fixes the
 *       rules accepted (concurrently, bounded by {@code modelTimeout}; a missing score changes
 *       nothing), then the no-play-zone flag;</li>
 *   <li>if the previous commit's tracking events are still pending (Kafka was away), publish them
 *       first — on failure the request fails with 503 and nothing new happens;</li>
 *   <li>commit the new state, with one {@code LocationTracked} event per judged fix kept as pending
 *       in the same atomic step, if nobody else committed meanwhile (else reload and judge again:
 *       a judgement that lost the race is never published);</li>
 *   <li>publish the committed events and wait for Kafka's acknowledgement, then clear them; when
 *       Kafka fails they stay pending (published by the player's next update or the sweeper), and
 *       the request still answers with the judgement that was committed;</li>
 *   <li>best effort, never failing the request: list the player for "nearby", publish the movement
 *       to the realtime channel (opted-in players outside no-play zones only), and report a
 *       SuspectedCheat when the commit says the threshold was crossed.</li>
 * </ol>
 * A batch sent twice therefore has no second effect: its fixes are judged {@code duplicate}.
 */
@Singleton
public class LocationUpdates {

    public static final int MAX_BATCH = 50;
    /** Resolution of the realtime channels {@code rt:cell:<h3>} (the game's node resolution). */
    public static final int REALTIME_RESOLUTION = 9;

    private static final Logger LOG = LoggerFactory.getLogger(LocationUpdates.class);
    private static final int ATTEMPTS = 3;

    /**
     * @param presenceResolution H3 resolution of the "nearby" cells
     * @param precisionDecimals  decimals of coordinates other players may see
     * @param modelTimeout       the longest a batch waits for the model
     */
    public record Settings(int presenceResolution, int precisionDecimals, Duration modelTimeout,
                           PlayerStates.CheatCounting counting) {
    }

    /** What happened to one fix of the batch, in request order. */
    public record Outcome(Fix fix, Judgement judgement, boolean inNoPlayZone) {

        public boolean accepted() {
            return judgement.accepted();
        }
    }

    public record Result(List<Outcome> outcomes) {

        public long accepted() {
            return outcomes.stream().filter(Outcome::accepted).count();
        }
    }

    private record Judged(List<Outcome> outcomes, PlayerTrack track, List<LocationTracked> events,
                          List<Long> cheatRejections, List<String> cheatReasons, Fix lastAccepted) {
    }

    private final PlayerStates states;
    private final TrackingLog tracking;
    private final Presence presence;
    private final MovementFeed feed;
    private final CheatModel model;
    private final NoPlayZones zones;
    private final CheatReporting cheatReporting;
    private final AntiCheat antiCheat;
    private final HexGrid grid;
    private final Settings settings;
    private final Clock clock;

    public LocationUpdates(PlayerStates states, TrackingLog tracking, Presence presence, MovementFeed feed,
                           CheatModel model, NoPlayZones zones, CheatReporting cheatReporting, AntiCheat antiCheat,
                           HexGrid grid, Settings settings, Clock clock) {
        this.states = states;
        this.tracking = tracking;
        this.presence = presence;
        this.feed = feed;
        this.model = model;
        this.zones = zones;
        this.cheatReporting = cheatReporting;
        this.antiCheat = antiCheat;
        this.grid = grid;
        this.settings = settings;
        this.clock = clock;
    }

    public Result submit(UUID playerId, List<Fix> fixes) {
        if (fixes.isEmpty() || fixes.size() > MAX_BATCH) {
            throw LocationErrors.invalidBatch(fixes.size(), MAX_BATCH);
        }
        Instant now = clock.instant();
        ZoneIndex zoneIndex = zones.current();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            PlayerStates.Snapshot snapshot = states.load(playerId);
            if (snapshot.erased()) {
                throw LocationErrors.accountDeleted();
            }
            if (!snapshot.pending().isEmpty()) {
                tracking.append(snapshot.pending());
                states.clearPending(playerId, snapshot.version());
            }
            Judged judged = judge(playerId, snapshot, fixes, now, zoneIndex);
            if (judged.events().isEmpty()) {
                return new Result(judged.outcomes());
            }
            PlayerStates.Commit commit = states.commit(playerId, snapshot.version(), judged.track(),
                    judged.cheatRejections(), now, settings.counting(), judged.events());
            if (commit.applied()) {
                publish(playerId, snapshot.version() + 1, judged.events(), now);
                afterCommit(playerId, snapshot, judged, commit);
                return new Result(judged.outcomes());
            }
            LOG.debug("Concurrent update for player {}; judging the batch again (attempt {})", playerId, attempt);
        }
        throw LocationErrors.busy();
    }

    /** Publishes a commit's events; when Kafka fails they stay pending and the sweeper is told. */
    private void publish(UUID playerId, long version, List<LocationTracked> events, Instant now) {
        try {
            tracking.append(events);
        } catch (RuntimeException e) {
            LOG.warn("Tracking events of player {} kept pending after a failed publish: {}", playerId, e.toString());
            try {
                states.markPending(playerId, now);
            } catch (RuntimeException again) {
                LOG.warn("...and not marked for the sweeper (the player's next update publishes them): {}",
                        again.toString());
            }
            return;
        }
        states.clearPending(playerId, version);
    }

    /**
     * The sweeper: publishes the pending events of players marked at least {@code minAge} ago (whose
     * own next update did not do it already). Returns how many players were handled.
     */
    public int flushPending(java.time.Duration minAge, int limit) {
        int handled = 0;
        for (UUID playerId : states.markedPending(clock.instant().minus(minAge), limit)) {
            PlayerStates.Snapshot snapshot = states.load(playerId);
            if (!snapshot.pending().isEmpty()) {
                tracking.append(snapshot.pending());
                states.clearPending(playerId, snapshot.version());
            }
            states.unmarkPending(playerId);
            handled++;
        }
        return handled;
    }

    private Judged judge(UUID playerId, PlayerStates.Snapshot snapshot, List<Fix> fixes, Instant now,
                         ZoneIndex zoneIndex) {
        int n = fixes.size();
        Judgement[] byRules = new Judgement[n];
        boolean[] refused = new boolean[n];
        List<CompletableFuture<Optional<ModelScore>>> scores = new ArrayList<>(n);
        PlayerTrack probe = snapshot.track();
        var recent = new ArrayList<>(probe.window());
        Fix pin = probe.pin();
        for (int i = 0; i < n; i++) {
            Fix fix = fixes.get(i);
            scores.add(null);
            Optional<Reason> refusal = antiCheat.check(fix, probe, now);
            if (refusal.isPresent()) {
                byRules[i] = Judgement.rejected(refusal.get());
                refused[i] = true;
                continue;
            }
            byRules[i] = antiCheat.rules(recent, pin, fix);
            pin = antiCheat.nextPin(pin, recent, byRules[i]);
            // The checks only need the judged timestamps; the real track is built after the model answered.
            probe = probe.withRejected(fix.tsMillis());
            if (byRules[i].accepted()) {
                recent.add(fix);
                if (recent.size() > PlayerTrack.WINDOW) {
                    recent.removeFirst();
                }
                int from = Math.max(0, recent.size() - FeatureExtractor.WINDOW);
                scores.set(i, model.score(new PlayerWindow(playerId, recent.subList(from, recent.size())))
                        .toCompletableFuture());
            }
        }
        awaitScores(scores);

        PlayerTrack track = snapshot.track();
        var outcomes = new ArrayList<Outcome>(n);
        var events = new ArrayList<LocationTracked>(n);
        var cheatRejections = new ArrayList<Long>();
        var cheatReasons = new ArrayList<String>();
        Fix lastAccepted = null;
        boolean lastInZone = false;
        for (int i = 0; i < n; i++) {
            Fix fix = fixes.get(i);
            if (refused[i]) {
                outcomes.add(new Outcome(fix, byRules[i], false));
                continue;
            }
            Optional<ModelScore> score = scoreOf(scores.get(i));
            Judgement judgement = antiCheat.withModel(byRules[i], score);
            boolean inZone = zoneIndex.contains(fix.lat(), fix.lon());
            if (inZone) {
                judgement = judgement.with(Reason.NO_PLAY_ZONE);
            }
            if (judgement.accepted()) {
                track = track.withAccepted(fix, judgement.verdict(), now.toEpochMilli());
                lastAccepted = fix;
                lastInZone = inZone;
            } else {
                track = track.withRejected(fix.tsMillis());
            }
            if (judgement.countsAsCheat()) {
                cheatRejections.add(fix.tsMillis());
                cheatReasons.addAll(judgement.codes());
            }
            events.add(event(playerId, fix, judgement, score, inZone, now));
            outcomes.add(new Outcome(fix, judgement, inZone));
        }
        track = track.withPin(pin);
        if (lastAccepted != null) {
            boolean listed = snapshot.sharing() && !lastInZone;
            track = track.withNearbyCell(listed
                    ? grid.cell(lastAccepted.lat(), lastAccepted.lon(), settings.presenceResolution()) : 0L);
        }
        return new Judged(outcomes, track, events, cheatRejections, cheatReasons.stream().distinct().toList(),
                lastAccepted);
    }

    private void afterCommit(UUID playerId, PlayerStates.Snapshot before, Judged judged, PlayerStates.Commit commit) {
        Fix last = judged.lastAccepted();
        if (last != null) {
            long previousCell = before.track().nearbyCell();
            long cell = judged.track().nearbyCell();
            try {
                if (cell != 0) {
                    presence.list(playerId, cell, last.lat(), last.lon(), clock.instant());
                    int decimals = settings.precisionDecimals();
                    feed.playerMoved(grid.address(grid.cell(last.lat(), last.lon(), REALTIME_RESOLUTION)),
                            new MovementFeed.PlayerMoved(playerId, GeoMath.round(last.lat(), decimals),
                                    GeoMath.round(last.lon(), decimals), last.tsMillis()));
                }
                if (previousCell != 0 && previousCell != cell) {
                    presence.unlist(playerId, previousCell);
                }
            } catch (RuntimeException e) {
                // The fix is committed; nearby and the live feed catch up with the next update.
                LOG.warn("Presence or movement feed not updated for player {}: {}", playerId, e.toString());
            }
        }
        if (commit.suspectedCheat()) {
            cheatReporting.report(playerId, commit.recentRejections(), judged.cheatReasons());
        }
    }

    private void awaitScores(List<CompletableFuture<Optional<ModelScore>>> scores) {
        CompletableFuture<?>[] pending = scores.stream().filter(f -> f != null && !f.isDone())
                .toArray(CompletableFuture[]::new);
        if (pending.length == 0) {
            return;
        }
        try {
            CompletableFuture.allOf(pending).get(settings.modelTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            LOG.debug("Anti-cheat model slower than {}; judging by the rules alone", settings.modelTimeout());
        } catch (ExecutionException e) {
            LOG.debug("Anti-cheat model failed; judging by the rules alone: {}", e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A late, failed or missing answer is "no score": the rules alone decide. */
    private static Optional<ModelScore> scoreOf(CompletableFuture<Optional<ModelScore>> future) {
        if (future == null || !future.isDone() || future.isCompletedExceptionally() || future.isCancelled()) {
            return Optional.empty();
        }
        Optional<ModelScore> score = future.getNow(Optional.empty());
        return score == null ? Optional.empty() : score;
    }

    private LocationTracked event(UUID playerId, Fix fix, Judgement judgement, Optional<ModelScore> score,
                                  boolean inZone, Instant receivedAt) {
        return new LocationTracked(playerId, fix.tsMillis(), fix.lat(), fix.lon(), fix.accuracyM(),
                fix.hasSpeed() ? fix.speedMps() : null, fix.hasHeading() ? fix.headingDeg() : null,
                judgement.verdict().name(), judgement.accepted(), judgement.codes(),
                score.map(ModelScore::cheatProbability).orElse(null), score.map(ModelScore::modelVersion).orElse(null),
                inZone, grid.address(grid.cell(fix.lat(), fix.lon(), REALTIME_RESOLUTION)), receivedAt);
    }
}
