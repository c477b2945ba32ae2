package ore.inference;

import java.util.List;

/**
 * The served model's metadata (KServe {@code ModelMetadata}). Tensors whose datatype this client
 * does not handle (FP64, UINT8...) are left out of {@link #inputs()} and {@link #outputs()} and
 * listed by name in {@link #unsupportedTensors()}.
 */
public record ModelMetadata(String name, List<String> versions, String platform,
                            List<TensorSpec> inputs, List<TensorSpec> outputs,
                            List<String> unsupportedTensors) {

    public ModelMetadata {
        versions = List.copyOf(versions);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        unsupportedTensors = List.copyOf(unsupportedTensors);
    }
}
