package ore.inference;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ModelSpecTest {

    private static final ModelSpec SPEC = ModelSpec.builder()
            .input("FEATURES", DataType.FP32, -1, 12)
            .input("MASK", DataType.BOOL, -1, 12)
            .output("SCORE", DataType.FP32, -1, 1)
            .build();

    @Test
    void acceptsTheModelItDescribesEvenWithExtraOutputs() {
        ModelMetadata served = new ModelMetadata("m", List.of("1"), "onnx",
                List.of(TensorSpec.of("MASK", DataType.BOOL, -1, 12), TensorSpec.of("FEATURES", DataType.FP32, -1, 12)),
                List.of(TensorSpec.of("SCORE", DataType.FP32, -1, 1), TensorSpec.of("DEBUG", DataType.INT32, -1)),
                List.of());

        assertThat(SPEC.differences(served)).isEmpty();
    }

    @Test
    void namesEachDifference() {
        ModelMetadata served = new ModelMetadata("m", List.of("2"), "onnx",
                List.of(TensorSpec.of("FEATURES", DataType.FP16, -1, 16), TensorSpec.of("SPEED", DataType.FP32, -1)),
                List.of(),
                List.of());

        assertThat(SPEC.differences(served)).containsExactly(
                "input FEATURES has datatype FP16, expected FP32",
                "input FEATURES has shape [-1, 16], expected [-1, 12]",
                "input MASK is missing (expected MASK BOOL[-1, 12])",
                "input SPEED is required by the model (SPEED FP32[-1]) but not expected by this client",
                "output SCORE is missing (expected SCORE FP32[-1, 1])");
    }
}
