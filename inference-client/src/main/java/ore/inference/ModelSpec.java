package ore.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the caller's code was written against: the model's inputs and outputs (names, types,
 * shapes). The client compares it with the served model's metadata before the first inference
 * ({@link TritonClient#verifyModel()}), so a model deployed with a changed signature is refused with
 * a message naming the difference instead of producing wrong scores.
 *
 * <p>Only the declared tensors are checked: the model may have more outputs than the caller reads,
 * but not fewer, and must have exactly the declared inputs.
 */
public record ModelSpec(List<TensorSpec> inputs, List<TensorSpec> outputs) {

    public ModelSpec {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("a model spec needs at least one input");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Every way {@code served} differs from this spec, one readable line each; empty when it
     * matches.
     */
    public List<String> differences(ModelMetadata served) {
        List<String> problems = new ArrayList<>();
        Map<String, TensorSpec> servedInputs = byName(served.inputs());
        for (TensorSpec expected : inputs) {
            compare("input", expected, servedInputs.remove(expected.name()), problems);
        }
        for (TensorSpec extra : servedInputs.values()) {
            problems.add("input " + extra.name() + " is required by the model (" + extra
                    + ") but not expected by this client");
        }
        Map<String, TensorSpec> servedOutputs = byName(served.outputs());
        for (TensorSpec expected : outputs) {
            compare("output", expected, servedOutputs.get(expected.name()), problems);
        }
        return problems;
    }

    private static void compare(String kind, TensorSpec expected, TensorSpec actual, List<String> problems) {
        if (actual == null) {
            problems.add(kind + " " + expected.name() + " is missing (expected " + expected + ")");
            return;
        }
        if (actual.type() != expected.type()) {
            problems.add(kind + " " + expected.name() + " has datatype " + actual.type()
                    + ", expected " + expected.type());
        }
        if (!actual.shape().equals(expected.shape())) {
            problems.add(kind + " " + expected.name() + " has shape " + actual.shape()
                    + ", expected " + expected.shape());
        }
    }

    private static Map<String, TensorSpec> byName(List<TensorSpec> specs) {
        return specs.stream().collect(Collectors.toMap(TensorSpec::name, Function.identity(),
                (a, b) -> a, java.util.LinkedHashMap::new));
    }

    public static final class Builder {
        private final List<TensorSpec> inputs = new ArrayList<>();
        private final List<TensorSpec> outputs = new ArrayList<>();

        public Builder input(String name, DataType type, long... shape) {
            inputs.add(TensorSpec.of(name, type, shape));
            return this;
        }

        public Builder output(String name, DataType type, long... shape) {
            outputs.add(TensorSpec.of(name, type, shape));
            return this;
        }

        public ModelSpec build() {
            return new ModelSpec(inputs, outputs);
        }
    }
}
