package ore.inference;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable named tensor: element type, shape and elements in row-major order.
 *
 * <p>Elements are kept in the protocol's raw layout (see {@link DataType}), which is what goes on
 * the wire, so sending a tensor costs one copy and reading an output decodes only what the caller
 * asks for. Build inputs with the typed factories ({@link #fp32}, {@link #int64}...); read outputs
 * with the typed accessors ({@link #floats()}, {@link #longs()}...). Every factory checks that the
 * number of elements matches the shape.
 */
public final class Tensor {

    private final String name;
    private final DataType type;
    private final long[] shape;
    private final long elementCount;
    private final byte[] raw;

    private Tensor(String name, DataType type, long[] shape, byte[] raw) {
        this.name = requireName(name);
        this.type = Objects.requireNonNull(type, "type");
        this.shape = shape.clone();
        this.elementCount = elementCount(name, this.shape);
        this.raw = raw;
    }

    public static Tensor fp32(String name, float[] values, long... shape) {
        checkCount(name, values.length, shape);
        ByteBuffer buffer = allocate(values.length, DataType.FP32);
        for (float value : values) {
            buffer.putFloat(value);
        }
        return new Tensor(name, DataType.FP32, shape, buffer.array());
    }

    /** Half-precision tensor; each value is rounded to the nearest binary16 (FP16 only travels raw). */
    public static Tensor fp16(String name, float[] values, long... shape) {
        checkCount(name, values.length, shape);
        ByteBuffer buffer = allocate(values.length, DataType.FP16);
        for (float value : values) {
            buffer.putShort(Float.floatToFloat16(value));
        }
        return new Tensor(name, DataType.FP16, shape, buffer.array());
    }

    public static Tensor int64(String name, long[] values, long... shape) {
        checkCount(name, values.length, shape);
        ByteBuffer buffer = allocate(values.length, DataType.INT64);
        for (long value : values) {
            buffer.putLong(value);
        }
        return new Tensor(name, DataType.INT64, shape, buffer.array());
    }

    public static Tensor int32(String name, int[] values, long... shape) {
        checkCount(name, values.length, shape);
        ByteBuffer buffer = allocate(values.length, DataType.INT32);
        for (int value : values) {
            buffer.putInt(value);
        }
        return new Tensor(name, DataType.INT32, shape, buffer.array());
    }

    public static Tensor bool(String name, boolean[] values, long... shape) {
        checkCount(name, values.length, shape);
        byte[] raw = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            raw[i] = (byte) (values[i] ? 1 : 0);
        }
        return new Tensor(name, DataType.BOOL, shape, raw);
    }

    /** BYTES tensor: each element is an arbitrary byte string (Triton's TYPE_STRING). */
    public static Tensor bytes(String name, List<byte[]> values, long... shape) {
        checkCount(name, values.size(), shape);
        int size = 0;
        for (byte[] value : values) {
            size = Math.addExact(size, 4 + value.length);
        }
        ByteBuffer buffer = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        for (byte[] value : values) {
            buffer.putInt(value.length).put(value);
        }
        return new Tensor(name, DataType.BYTES, shape, buffer.array());
    }

    /** BYTES tensor of UTF-8 encoded strings. */
    public static Tensor utf8(String name, List<String> values, long... shape) {
        return bytes(name, values.stream().map(v -> v.getBytes(StandardCharsets.UTF_8)).toList(), shape);
    }

    /**
     * A tensor from elements already in the raw layout (copied). Used to read responses and to cut
     * and join batches.
     *
     * @throws IllegalArgumentException when the bytes do not hold exactly the elements the shape
     *                                  calls for; the message says what was expected
     */
    public static Tensor ofRaw(String name, DataType type, long[] shape, ByteBuffer raw) {
        byte[] copy = new byte[raw.remaining()];
        raw.duplicate().get(copy);
        Tensor tensor = new Tensor(name, type, shape, copy);
        tensor.checkRawLength();
        return tensor;
    }

    public String name() {
        return name;
    }

    public DataType type() {
        return type;
    }

    public long[] shape() {
        return shape.clone();
    }

    /** Size of dimension {@code i}. */
    public long dim(int i) {
        return shape[i];
    }

    public int rank() {
        return shape.length;
    }

    /** Product of the shape: the number of elements (1 for a scalar). */
    public long elementCount() {
        return elementCount;
    }

    /** The elements in the raw layout, as a read-only view (no copy). */
    public ByteBuffer rawBuffer() {
        return ByteBuffer.wrap(raw).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Size of the raw layout in bytes. */
    public int rawSize() {
        return raw.length;
    }

    /** FP32 elements, or FP16 elements widened to float. */
    public float[] floats() {
        ByteBuffer buffer = rawBuffer();
        float[] values = new float[(int) elementCount];
        if (type == DataType.FP16) {
            for (int i = 0; i < values.length; i++) {
                values[i] = Float.float16ToFloat(buffer.getShort());
            }
            return values;
        }
        requireType(DataType.FP32);
        buffer.asFloatBuffer().get(values);
        return values;
    }

    public long[] longs() {
        requireType(DataType.INT64);
        long[] values = new long[(int) elementCount];
        rawBuffer().asLongBuffer().get(values);
        return values;
    }

    public int[] ints() {
        requireType(DataType.INT32);
        int[] values = new int[(int) elementCount];
        rawBuffer().asIntBuffer().get(values);
        return values;
    }

    public boolean[] booleans() {
        requireType(DataType.BOOL);
        boolean[] values = new boolean[raw.length];
        for (int i = 0; i < raw.length; i++) {
            values[i] = raw[i] != 0;
        }
        return values;
    }

    public List<byte[]> byteStrings() {
        requireType(DataType.BYTES);
        ByteBuffer buffer = rawBuffer();
        List<byte[]> values = new ArrayList<>((int) elementCount);
        for (long i = 0; i < elementCount; i++) {
            byte[] value = new byte[buffer.getInt()];
            buffer.get(value);
            values.add(value);
        }
        return values;
    }

    public List<String> strings() {
        return byteStrings().stream().map(v -> new String(v, StandardCharsets.UTF_8)).toList();
    }

    /** The same elements under another name (outputs are often renamed into the caller's terms). */
    public Tensor withName(String newName) {
        return new Tensor(newName, type, shape, raw);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && name.equals(t.name) && type == t.type
                && Arrays.equals(shape, t.shape) && Arrays.equals(raw, t.raw);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, Arrays.hashCode(shape), Arrays.hashCode(raw));
    }

    @Override
    public String toString() {
        return name + " " + type + Arrays.toString(shape);
    }

    private void requireType(DataType expected) {
        if (type != expected) {
            throw new IllegalStateException("tensor " + name + " is " + type + ", not " + expected);
        }
    }

    private void checkRawLength() {
        if (type != DataType.BYTES) {
            long expected = elementCount * type.elementSize();
            if (raw.length != expected) {
                throw new IllegalArgumentException("tensor " + name + " " + type + Arrays.toString(shape)
                        + " needs " + expected + " bytes, got " + raw.length);
            }
            return;
        }
        ByteBuffer buffer = rawBuffer();
        for (long i = 0; i < elementCount; i++) {
            if (buffer.remaining() < 4) {
                throw new IllegalArgumentException("tensor " + name + " BYTES" + Arrays.toString(shape)
                        + " ends after " + i + " of " + elementCount + " elements");
            }
            int length = buffer.getInt();
            if (length < 0 || length > buffer.remaining()) {
                throw new IllegalArgumentException("tensor " + name + " BYTES element " + i
                        + " claims " + Integer.toUnsignedString(length) + " bytes, " + buffer.remaining() + " left");
            }
            buffer.position(buffer.position() + length);
        }
        if (buffer.hasRemaining()) {
            throw new IllegalArgumentException("tensor " + name + " BYTES" + Arrays.toString(shape)
                    + " has " + buffer.remaining() + " bytes after its " + elementCount + " elements");
        }
    }

    private static ByteBuffer allocate(int count, DataType type) {
        return ByteBuffer.allocate(Math.multiplyExact(count, type.elementSize())).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("tensor name must not be blank");
        }
        return name;
    }

    private static void checkCount(String name, int count, long[] shape) {
        long expected = elementCount(name, shape);
        if (count != expected) {
            throw new IllegalArgumentException("tensor " + name + " with shape " + Arrays.toString(shape)
                    + " needs " + expected + " elements, got " + count);
        }
    }

    private static long elementCount(String name, long[] shape) {
        long count = 1;
        for (long dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("tensor " + name + " has a negative dimension in "
                        + Arrays.toString(shape) + "; -1 belongs in a TensorSpec, not in data");
            }
            count = Math.multiplyExact(count, dim);
        }
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tensor " + name + " has " + count + " elements, more than an array holds");
        }
        return count;
    }
}
