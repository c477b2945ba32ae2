package ore.location.adapter.out.model;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import ore.location.app.port.CheatModel;
import ore.location.domain.anticheat.ModelScore;
import ore.location.domain.anticheat.PlayerWindow;

/**
 * The anti-cheat model when none is configured ({@code ore.location.anticheat.model=none}, the
 * default): never answers, so the physics rules alone decide. Use it for local runs and wherever no
 * Triton server is reachable; production sets {@code model=triton}.
 */
@Singleton
@Requires(property = "ore.location.anticheat.model", value = "none", defaultValue = "none")
public class NoModel implements CheatModel {

    private static final CompletionStage<Optional<ModelScore>> NONE = CompletableFuture.completedFuture(Optional.empty());

    @Override
    public CompletionStage<Optional<ModelScore>> score(PlayerWindow window) {
        return NONE;
    }
}
