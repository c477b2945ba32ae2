package ore.inference;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a model declares for one input or output: name, element type and shape, where -1 marks a
 * variable dimension. For a model that batches, the shape starts with the batch dimension (-1), as
 * in Triton's model metadata: an input configured with {@code dims: [8]} and {@code max_batch_size: 64}
 * is {@code [-1, 8]}.
 */
public record TensorSpec(String name, DataType type, List<Long> shape) {

    public TensorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        shape = List.copyOf(shape);
    }

    public static TensorSpec of(String name, DataType type, long... shape) {
        return new TensorSpec(name, type, Arrays.stream(shape).boxed().toList());
    }

    @Override
    public String toString() {
        return name + " " + type + shape;
    }
}
