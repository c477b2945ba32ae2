package ore.inference;

import java.util.Optional;

/**
 * Element types this client reads and writes, named as in the KServe v2 protocol. The raw layout
 * of each is little-endian and unpadded: {@link #BOOL} one byte (0 or 1) per element, {@link #FP16}
 * IEEE 754 binary16, {@link #BYTES} a 4-byte little-endian length followed by that many bytes.
 */
public enum DataType {
    BOOL(1),
    INT32(4),
    INT64(8),
    FP16(2),
    FP32(4),
    BYTES(-1);

    private final int elementSize;

    DataType(int elementSize) {
        this.elementSize = elementSize;
    }

    /** Bytes per element in the raw layout, or -1 for {@link #BYTES}, whose elements vary in size. */
    public int elementSize() {
        return elementSize;
    }

    /** The protocol's name for the type ({@code "FP32"}...), which is also the enum constant's name. */
    public String wireName() {
        return name();
    }

    /** The type with this protocol name, or empty for types the client does not handle (FP64, UINT8...). */
    public static Optional<DataType> fromWireName(String wireName) {
        for (DataType type : values()) {
            if (type.name().equals(wireName)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
