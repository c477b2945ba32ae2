package ore.location.config;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import ore.inference.DataType;
import ore.inference.ModelSpec;
import ore.location.adapter.out.model.TritonCheatModel;
import ore.location.domain.anticheat.FeatureExtractor;

/**
 * What location-service expects of the Triton model {@code anticheat}; inference-client checks the
 * served model against it at start-up and refuses to run with a model of another shape.
 */
@Factory
@Requires(property = "ore.location.anticheat.model", value = "triton")
class AntiCheatModelSpec {

    @Singleton
    ModelSpec antiCheatSpec() {
        return ModelSpec.builder()
                .input(TritonCheatModel.INPUT, DataType.FP32, -1, FeatureExtractor.WINDOW, FeatureExtractor.FEATURES)
                .output(TritonCheatModel.OUTPUT, DataType.FP32, -1, 1)
                .build();
    }
}
