package ore.inference.batch;

import ore.inference.DataType;
import ore.inference.InferRequest;
import ore.inference.InferResult;
import ore.inference.InferenceException;
import ore.inference.Tensor;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Joins requests into one batched request along the leading (batch) dimension and cuts the batched
 * result back into one result per request. Only requests with the same {@link #key} may be joined.
 */
public final class TensorBatches {

    private TensorBatches() {
    }

    /** Input names, types and non-batch dimensions, plus the requested outputs: what must agree to batch. */
    public record Key(List<InputShape> inputs, List<String> outputs) {
    }

    public record InputShape(String name, DataType type, List<Long> rowShape) {
    }

    public static Key key(InferRequest request) {
        List<InputShape> inputs = new ArrayList<>(request.inputs().size());
        for (Tensor input : request.inputs()) {
            long[] shape = input.shape();
            List<Long> rowShape = Arrays.stream(shape, Math.min(1, shape.length), shape.length).boxed().toList();
            inputs.add(new InputShape(input.name(), input.type(), rowShape));
        }
        return new Key(inputs, request.outputs());
    }

    /** One request whose inputs are the given requests' inputs stacked in order. */
    public static InferRequest merge(List<InferRequest> requests) {
        InferRequest first = requests.getFirst();
        InferRequest.Builder merged = InferRequest.builder();
        for (int i = 0; i < first.inputs().size(); i++) {
            List<Tensor> parts = new ArrayList<>(requests.size());
            for (InferRequest request : requests) {
                parts.add(request.inputs().get(i));
            }
            merged.input(concat(parts));
        }
        first.outputs().forEach(merged::output);
        return merged.build();
    }

    /**
     * Cuts a batched result into consecutive pieces of {@code rows[i]} rows each.
     *
     * @throws InferenceException {@code MALFORMED_RESPONSE} when an output's batch dimension does
     *                            not equal the rows sent
     */
    public static List<InferResult> split(InferResult batched, int[] rows) {
        int total = Arrays.stream(rows).sum();
        List<List<Tensor>> pieces = new ArrayList<>(rows.length);
        for (int i = 0; i < rows.length; i++) {
            pieces.add(new ArrayList<>());
        }
        for (Tensor output : batched.outputs().values()) {
            if (output.rank() == 0 || output.dim(0) != total) {
                throw new InferenceException(InferenceException.Reason.MALFORMED_RESPONSE, "output " + output
                        + " does not have a batch dimension of " + total + " (one row per batched request)");
            }
            int from = 0;
            for (int i = 0; i < rows.length; i++) {
                pieces.get(i).add(slice(output, from, from + rows[i]));
                from += rows[i];
            }
        }
        List<InferResult> results = new ArrayList<>(rows.length);
        for (List<Tensor> piece : pieces) {
            results.add(InferResult.of(batched.modelName(), batched.modelVersion(), "", piece));
        }
        return results;
    }

    /** Stacks tensors of one name, type and row shape along dimension 0. */
    public static Tensor concat(List<Tensor> parts) {
        Tensor first = parts.getFirst();
        if (parts.size() == 1) {
            return first;
        }
        long[] shape = first.shape();
        long rows = 0;
        int bytes = 0;
        for (Tensor part : parts) {
            if (part.type() != first.type() || part.rank() != first.rank() || part.rank() == 0
                    || !Arrays.equals(rowShape(part), rowShape(first))) {
                throw new IllegalArgumentException("cannot stack " + part + " onto " + first);
            }
            rows += part.dim(0);
            bytes = Math.addExact(bytes, part.rawSize());
        }
        shape[0] = rows;
        ByteBuffer joined = ByteBuffer.allocate(bytes);
        for (Tensor part : parts) {
            joined.put(part.rawBuffer());
        }
        // Raw layouts concatenate: row-major order puts dimension 0 outermost, and BYTES elements
        // carry their own length prefixes.
        return Tensor.ofRaw(first.name(), first.type(), shape, joined.flip());
    }

    /** Rows {@code [from, to)} of a tensor with rank ≥ 1. */
    public static Tensor slice(Tensor tensor, int from, int to) {
        long[] shape = tensor.shape();
        if (from == 0 && to == shape[0]) {
            return tensor;
        }
        long perRow = shape[0] == 0 ? 0 : tensor.elementCount() / shape[0];
        ByteBuffer raw = tensor.rawBuffer();
        int start = byteOffset(tensor, raw, from * perRow);
        int end = byteOffset(tensor, raw, to * perRow);
        shape[0] = to - from;
        return Tensor.ofRaw(tensor.name(), tensor.type(), shape, raw.position(start).limit(end).slice());
    }

    private static int byteOffset(Tensor tensor, ByteBuffer raw, long element) {
        if (tensor.type() != DataType.BYTES) {
            return Math.toIntExact(element * tensor.type().elementSize());
        }
        int position = 0;
        for (long i = 0; i < element; i++) {
            position += 4 + raw.getInt(position);
        }
        return position;
    }

    private static long[] rowShape(Tensor tensor) {
        long[] shape = tensor.shape();
        return Arrays.copyOfRange(shape, 1, shape.length);
    }
}
