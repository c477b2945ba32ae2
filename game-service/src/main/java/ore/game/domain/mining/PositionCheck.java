package ore.game.domain.mining;

/**
 * Everything location-service says about a player's last trusted position relative to a point (a
 * node, or the centre of a node search): the {@link Proximity} part, plus how far the position can be
 * trusted and whether the point itself lies in a no-play zone.
 *
 * @param verdict            anti-cheat verdict of the position, {@code null} when not known
 * @param accuracyM          accuracy radius the device reported for it, {@code NaN} when not known
 * @param targetInNoPlayZone whether the asked point lies in a no-play zone (always answered)
 */
public record PositionCheck(Proximity proximity, Verdict verdict, double accuracyM, boolean targetInNoPlayZone) {

    /** location-service's anti-cheat verdicts; only TRUSTED positions count for mining. */
    public enum Verdict {
        TRUSTED,
        SUSPICIOUS
    }

    public static PositionCheck unknown(boolean targetInNoPlayZone) {
        return new PositionCheck(Proximity.unknown(), null, Double.NaN, targetInNoPlayZone);
    }

    public boolean known() {
        return proximity.known();
    }
}
