package ore.location.adapter.out.model;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import ore.location.config.LocationSettings;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import ore.inference.InferRequest;
import ore.inference.InferResult;
import ore.inference.InferenceException;
import ore.inference.Tensor;
import ore.inference.TritonClient;
import ore.location.app.port.CheatModel;
import ore.location.domain.anticheat.FeatureExtractor;
import ore.location.domain.anticheat.ModelScore;
import ore.location.domain.anticheat.PlayerWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The anti-cheat model on Triton ({@code ore.location.anticheat.model=triton}): one window is one
 * row {@code FEATURES} FP32 {@code [1, 16, 8]} (layout in {@link FeatureExtractor}); the answer is
 * {@code SCORE} FP32 {@code [1, 1]}, the probability that the newest fix is spoofed. Concurrent
 * windows are coalesced into batched calls by the client's micro-batcher.
 *
 * <p>Any failure — breaker open, deadline, Triton away, a score outside [0, 1] — is "no score":
 * the physics rules decide alone and the player is never penalised for the model's absence.
 */
@Singleton
@Requires(property = "ore.location.anticheat.model", value = "triton")
public class TritonCheatModel implements CheatModel {

    public static final String INPUT = "FEATURES";
    public static final String OUTPUT = "SCORE";

    private static final Logger LOG = LoggerFactory.getLogger(TritonCheatModel.class);
    private static final CompletionStage<Optional<ModelScore>> NO_SCORE = CompletableFuture.completedFuture(Optional.empty());

    private final TritonClient triton;
    private final Duration deadline;

    /**
     * @param settings its {@code modelTimeout} is the deadline every call carries: an answer later
     *                 than that is thrown away by the caller, so the client must count it as a
     *                 failure (DEADLINE_EXCEEDED, towards the breaker), not as a success.
     */
    public TritonCheatModel(TritonClient triton, LocationSettings.AntiCheat settings) {
        this.triton = triton;
        this.deadline = settings.modelTimeout();
    }

    @Override
    public CompletionStage<Optional<ModelScore>> score(PlayerWindow window) {
        InferRequest request = InferRequest.builder()
                .input(Tensor.fp32(INPUT, window.features(), 1, FeatureExtractor.WINDOW, FeatureExtractor.FEATURES))
                .output(OUTPUT)
                .timeout(deadline)
                .build();
        CompletableFuture<InferResult> call;
        try {
            call = triton.inferAsync(request);
        } catch (RuntimeException e) {
            return noScore(e);
        }
        return call.handle((result, error) -> {
            if (error != null) {
                logNoScore(error);
                return Optional.empty();
            }
            return toScore(result);
        });
    }

    private static Optional<ModelScore> toScore(InferResult result) {
        try {
            float p = result.floats(OUTPUT)[0];
            return Optional.of(new ModelScore(p, result.modelVersion()));
        } catch (RuntimeException e) {
            LOG.warn("Anti-cheat model answered something unusable; judging by rules alone: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private static CompletionStage<Optional<ModelScore>> noScore(RuntimeException e) {
        logNoScore(e);
        return NO_SCORE;
    }

    private static void logNoScore(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        if (cause instanceof InferenceException ie) {
            LOG.debug("No anti-cheat score ({}); judging by rules alone", ie.reason());
        } else {
            LOG.warn("No anti-cheat score; judging by rules alone", cause);
        }
    }
}
