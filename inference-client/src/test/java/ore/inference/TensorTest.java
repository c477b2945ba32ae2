package ore.inference;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TensorTest {

    @Test
    void keepsElementsInTheLittleEndianRawLayout() {
        Tensor tensor = Tensor.int32("X", new int[]{1, 0x01020304}, 2);

        byte[] raw = new byte[tensor.rawSize()];
        tensor.rawBuffer().get(raw);

        assertThat(raw).containsExactly(1, 0, 0, 0, 4, 3, 2, 1);
    }

    @Test
    void encodesBytesElementsWithALengthPrefix() {
        Tensor tensor = Tensor.utf8("S", List.of("ab", ""), 2);

        byte[] raw = new byte[tensor.rawSize()];
        tensor.rawBuffer().get(raw);

        assertThat(raw).containsExactly(2, 0, 0, 0, 'a', 'b', 0, 0, 0, 0);
        assertThat(tensor.strings()).containsExactly("ab", "");
    }

    @Test
    void convertsHalfPrecisionBothWays() {
        Tensor tensor = Tensor.fp16("H", new float[]{1f, -0.5f, 70000f}, 3);

        ByteBuffer raw = tensor.rawBuffer();
        assertThat(raw.getShort(0)).isEqualTo((short) 0x3C00);
        assertThat(tensor.floats()).containsExactly(1f, -0.5f, Float.POSITIVE_INFINITY);
    }

    @Test
    void refusesElementCountsThatDoNotMatchTheShape() {
        assertThatThrownBy(() -> Tensor.fp32("F", new float[]{1, 2, 3}, 2, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tensor F with shape [2, 2] needs 4 elements, got 3");
        assertThatThrownBy(() -> Tensor.fp32("F", new float[]{1}, -1, 1))
                .hasMessageContaining("negative dimension");
    }

    @Test
    void checksRawBytesAgainstTheShape() {
        ByteBuffer truncated = ByteBuffer.allocate(7);
        assertThatThrownBy(() -> Tensor.ofRaw("L", DataType.INT64, new long[]{1}, truncated))
                .hasMessage("tensor L INT64[1] needs 8 bytes, got 7");

        ByteBuffer lying = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN).putInt(10).put((byte) 1).put((byte) 2).flip();
        assertThatThrownBy(() -> Tensor.ofRaw("S", DataType.BYTES, new long[]{1}, lying))
                .hasMessage("tensor S BYTES element 0 claims 10 bytes, 2 left");

        ByteBuffer trailing = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN).putInt(1).put((byte) 1).put((byte) 9).flip();
        assertThatThrownBy(() -> Tensor.ofRaw("S", DataType.BYTES, new long[]{1}, trailing))
                .hasMessage("tensor S BYTES[1] has 1 bytes after its 1 elements");

        ByteBuffer shortList = ByteBuffer.allocate(5).order(ByteOrder.LITTLE_ENDIAN).putInt(1).put((byte) 1).flip();
        assertThatThrownBy(() -> Tensor.ofRaw("S", DataType.BYTES, new long[]{2}, shortList))
                .hasMessage("tensor S BYTES[2] ends after 1 of 2 elements");
    }

    @Test
    void typedAccessorsRefuseOtherTypes() {
        Tensor tensor = Tensor.int64("L", new long[]{1}, 1);

        assertThatThrownBy(tensor::floats).hasMessage("tensor L is INT64, not FP32");
        assertThatThrownBy(tensor::ints).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void isAValue() {
        Tensor a = Tensor.bool("B", new boolean[]{true, false}, 1, 2);
        Tensor b = Tensor.bool("B", new boolean[]{true, false}, 1, 2);

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(a.withName("C"));
        assertThat(a.toString()).isEqualTo("B BOOL[1, 2]");
        assertThat(Tensor.fp32("scalar", new float[]{3f}).elementCount()).isEqualTo(1);
    }
}
