package ore.location.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import ore.location.adapter.out.model.NoModel;
import ore.location.app.port.CheatModel;
import ore.location.domain.anticheat.FeatureExtractor;
import ore.location.domain.anticheat.ModelScore;
import ore.location.domain.anticheat.PlayerWindow;

/**
 * A {@link CheatModel} a test can script: answering with a fixed score, unavailable (empty, as the
 * Triton adapter answers with its breaker open), hanging (never answers), or broken (fails the
 * stage, which the port forbids but a caller must survive).
 */
@Singleton
@Replaces(NoModel.class)
@Requires(property = "test.model", value = "scripted")
class ScriptedModel implements CheatModel {

    enum Mode { SCORE, UNAVAILABLE, HANGING, BROKEN }

    static volatile Mode mode = Mode.UNAVAILABLE;
    static volatile double score = 0.0;
    static final AtomicInteger calls = new AtomicInteger();
    static volatile float[] lastFeatures;

    @Override
    public CompletionStage<Optional<ModelScore>> score(PlayerWindow window) {
        calls.incrementAndGet();
        float[] features = window.features();
        if (features.length != FeatureExtractor.WINDOW * FeatureExtractor.FEATURES) {
            throw new AssertionError("bad feature length " + features.length);
        }
        lastFeatures = features;
        return switch (mode) {
            case SCORE -> CompletableFuture.completedFuture(Optional.of(new ModelScore(score, "anticheat:test")));
            case UNAVAILABLE -> CompletableFuture.completedFuture(Optional.empty());
            case HANGING -> new CompletableFuture<>();
            case BROKEN -> CompletableFuture.failedFuture(new IllegalStateException("model server exploded"));
        };
    }
}
