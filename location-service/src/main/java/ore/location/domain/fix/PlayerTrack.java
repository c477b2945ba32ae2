package ore.location.domain.fix;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What location-service remembers about a player between updates: the most recent accepted fixes
 * (the window the physics rules and the model look at), the timestamps of recently judged fixes (to
 * recognise a batch sent twice), the verdict of the last accepted fix and the coarse cell under which
 * the player is listed for "nearby" (0 when not listed).
 *
 * <p>Bounded by construction: at most {@link #WINDOW} fixes and {@link #JUDGED} timestamps. Immutable;
 * every change returns a new track.
 *
 * @param window     accepted fixes, oldest first; the last one is the player's last trusted position
 * @param judgedTs   timestamps (epoch ms) of fixes that went through the physics rules, oldest first
 * @param lastVerdict verdict of the last accepted fix, {@code null} when the window is empty
 * @param nearbyCell H3 cell (presence resolution) the player is listed under, 0 when not listed
 * @param receivedAtMs server time (epoch ms) when the last accepted fix arrived, 0 when unknown: a fix
 *                     stamped ahead of the server clock is as old as its arrival, not as its stamp
 * @param pin          the last accepted fix before a rejected teleport, until a later position is
 *                     plausibly reachable from it ({@code AntiCheat#nextPin}); {@code null} when none
 */
public record PlayerTrack(List<Fix> window, List<Long> judgedTs, Verdict lastVerdict, long nearbyCell,
                          long receivedAtMs, Fix pin) {

    /** Accepted fixes kept per player: enough for every rule and for the model's input window. */
    public static final int WINDOW = 16;
    /** Judged timestamps kept per player for duplicate detection (a batch is at most 50 fixes, but retries resend the tail). */
    public static final int JUDGED = 64;

    public static final PlayerTrack EMPTY = new PlayerTrack(List.of(), List.of(), null, 0L, 0L, null);

    public PlayerTrack(List<Fix> window, List<Long> judgedTs, Verdict lastVerdict, long nearbyCell) {
        this(window, judgedTs, lastVerdict, nearbyCell, 0L, null);
    }

    public PlayerTrack withPin(Fix newPin) {
        return new PlayerTrack(window, judgedTs, lastVerdict, nearbyCell, receivedAtMs, newPin);
    }

    public PlayerTrack {
        window = List.copyOf(window);
        judgedTs = List.copyOf(judgedTs);
        if (window.size() > WINDOW || judgedTs.size() > JUDGED) {
            throw new IllegalArgumentException("track larger than its bounds");
        }
    }

    public Optional<Fix> lastAccepted() {
        return window.isEmpty() ? Optional.empty() : Optional.of(window.getLast());
    }

    /** Timestamp of the newest judged fix, or {@link Long#MIN_VALUE} when none. */
    public long lastJudgedTs() {
        return judgedTs.isEmpty() ? Long.MIN_VALUE : judgedTs.getLast();
    }

    public boolean wasJudged(long ts) {
        return judgedTs.contains(ts);
    }

    /** Records that a fix with this timestamp was judged and rejected (it does not enter the window). */
    public PlayerTrack withRejected(long ts) {
        return new PlayerTrack(window, append(judgedTs, ts, JUDGED), lastVerdict, nearbyCell, receivedAtMs, pin);
    }

    /** Appends an accepted fix: it becomes the last trusted position. */
    public PlayerTrack withAccepted(Fix fix, Verdict verdict) {
        return withAccepted(fix, verdict, 0L);
    }

    /** Appends an accepted fix that arrived at {@code receivedAtMs} (server clock). */
    public PlayerTrack withAccepted(Fix fix, Verdict verdict, long receivedAtMs) {
        if (!verdict.accepted()) {
            throw new IllegalArgumentException("only accepted fixes enter the window");
        }
        return new PlayerTrack(append(window, fix, WINDOW), append(judgedTs, fix.tsMillis(), JUDGED), verdict,
                nearbyCell, receivedAtMs, pin);
    }

    public PlayerTrack withNearbyCell(long cell) {
        return new PlayerTrack(window, judgedTs, lastVerdict, cell, receivedAtMs, pin);
    }

    /**
     * How old the last accepted fix is at {@code nowMs}: measured from its timestamp, or from its
     * arrival when it was stamped later than that (a clock ahead of the server's must not make a fix
     * look fresh for longer). Empty without an accepted fix.
     */
    public Optional<Long> lastAcceptedAgeMs(long nowMs) {
        if (window.isEmpty()) {
            return Optional.empty();
        }
        long measured = window.getLast().tsMillis();
        if (receivedAtMs > 0) {
            measured = Math.min(measured, receivedAtMs);
        }
        return Optional.of(Math.max(0, nowMs - measured));
    }

    private static <T> List<T> append(List<T> list, T item, int bound) {
        var next = new ArrayList<T>(Math.min(list.size() + 1, bound));
        int from = Math.max(0, list.size() + 1 - bound);
        for (int i = from; i < list.size(); i++) {
            next.add(list.get(i));
        }
        next.add(item);
        return next;
    }
}
