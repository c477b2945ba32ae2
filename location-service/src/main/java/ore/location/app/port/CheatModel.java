package ore.location.app.port;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import ore.location.domain.anticheat.ModelScore;
import ore.location.domain.anticheat.PlayerWindow;

/**
 * The anti-cheat model (Triton, model {@code anticheat}): a cheat probability for the newest fix of
 * a window of recent fixes. The input tensor is {@link PlayerWindow#features()}, laid out as
 * documented in {@code FeatureExtractor} and the module README.
 *
 * <p>Contract:
 * <ul>
 *   <li>The stage completes with <b>empty</b> whenever the model cannot answer — not configured,
 *       circuit breaker open, timeout, overload, error — and callers then decide by the physics rules
 *       alone; the player is never penalised for the model's absence.</li>
 *   <li>It never completes exceptionally and completes within the implementation's own deadline
 *       (tens of milliseconds); callers still bound their wait and treat a late answer as empty.</li>
 *   <li>Calls may be made concurrently (one per fix of a batch); implementations may batch them
 *       into one inference request.</li>
 * </ul>
 */
public interface CheatModel {

    CompletionStage<Optional<ModelScore>> score(PlayerWindow window);
}
