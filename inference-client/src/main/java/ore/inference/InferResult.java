package ore.inference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outputs of one inference call, by name. The typed accessors ({@link #floats(String)}...)
 * fail with {@link InferenceException.Reason#MALFORMED_RESPONSE} when the output is missing or has
 * another type, because either means the served model is not the one the caller was written for.
 */
public record InferResult(String modelName, String modelVersion, String id, Map<String, Tensor> outputs) {

    public InferResult {
        outputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    public static InferResult of(String modelName, String modelVersion, String id, List<Tensor> outputs) {
        Map<String, Tensor> byName = new LinkedHashMap<>();
        for (Tensor output : outputs) {
            byName.put(output.name(), output);
        }
        return new InferResult(modelName, modelVersion, id, byName);
    }

    public Tensor output(String name) {
        Tensor tensor = outputs.get(name);
        if (tensor == null) {
            throw InferenceException.malformed("the response has no output " + name
                    + " (outputs: " + outputs.keySet() + ")");
        }
        return tensor;
    }

    /** FP32 (or FP16, widened) elements of an output. */
    public float[] floats(String name) {
        Tensor tensor = output(name);
        if (tensor.type() != DataType.FP32 && tensor.type() != DataType.FP16) {
            throw wrongType(tensor, "FP32 or FP16");
        }
        return tensor.floats();
    }

    public long[] longs(String name) {
        return typed(name, DataType.INT64).longs();
    }

    public int[] ints(String name) {
        return typed(name, DataType.INT32).ints();
    }

    public boolean[] booleans(String name) {
        return typed(name, DataType.BOOL).booleans();
    }

    public List<byte[]> byteStrings(String name) {
        return typed(name, DataType.BYTES).byteStrings();
    }

    private Tensor typed(String name, DataType type) {
        Tensor tensor = output(name);
        if (tensor.type() != type) {
            throw wrongType(tensor, type.name());
        }
        return tensor;
    }

    private static InferenceException wrongType(Tensor tensor, String expected) {
        return InferenceException.malformed("output " + tensor.name() + " is " + tensor.type()
                + ", expected " + expected);
    }
}
