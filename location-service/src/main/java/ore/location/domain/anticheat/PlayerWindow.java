package ore.location.domain.anticheat;

import java.util.List;
import java.util.UUID;
import ore.location.domain.fix.Fix;

/**
 * What the anti-cheat model judges: the player's recent accepted fixes followed by the fix being
 * judged (the last element), at most {@link FeatureExtractor#WINDOW} fixes, oldest first.
 */
public record PlayerWindow(UUID playerId, List<Fix> fixes) {

    public PlayerWindow {
        if (fixes.isEmpty() || fixes.size() > FeatureExtractor.WINDOW) {
            throw new IllegalArgumentException("a window holds 1.." + FeatureExtractor.WINDOW + " fixes");
        }
        fixes = List.copyOf(fixes);
    }

    /** The model input for this window; see {@link FeatureExtractor} for the layout. */
    public float[] features() {
        return FeatureExtractor.extract(fixes);
    }

    public Fix judged() {
        return fixes.getLast();
    }
}
