package ore.inference.batch;

import ore.inference.DataType;
import ore.inference.InferRequest;
import ore.inference.InferResult;
import ore.inference.InferenceException;
import ore.inference.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TensorBatchesTest {

    @Test
    void mergesSingleItemsRowByRowAndSplitsResultsBack() {
        List<InferRequest> requests = List.of(
                request(1, 2, "a"),
                request(3, 4, "bb"),
                request(5, 6, ""));

        InferRequest merged = TensorBatches.merge(requests);

        assertThat(merged.inputs().get(0).shape()).containsExactly(3, 2);
        assertThat(merged.inputs().get(0).floats()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(merged.inputs().get(1).strings()).containsExactly("a", "bb", "");
        assertThat(merged.outputs()).containsExactly("Y");

        InferResult batched = InferResult.of("m", "1", "", List.of(
                Tensor.int64("Y", new long[]{10, 11, 20, 21, 30, 31}, 3, 2),
                Tensor.utf8("LABEL", List.of("x", "yy", "zzz"), 3)));
        List<InferResult> pieces = TensorBatches.split(batched, new int[]{1, 1, 1});

        assertThat(pieces).hasSize(3);
        assertThat(pieces.get(1).longs("Y")).containsExactly(20, 21);
        assertThat(pieces.get(1).output("Y").shape()).containsExactly(1, 2);
        assertThat(pieces.get(2).output("LABEL").strings()).containsExactly("zzz");
        assertThat(pieces.get(0).output("LABEL").strings()).containsExactly("x");
    }

    @Test
    void splitsUnevenPieces() {
        InferResult batched = InferResult.of("m", "1", "", List.of(Tensor.int32("Y", new int[]{1, 2, 3, 4, 5}, 5)));

        List<InferResult> pieces = TensorBatches.split(batched, new int[]{2, 0, 3});

        assertThat(pieces.get(0).ints("Y")).containsExactly(1, 2);
        assertThat(pieces.get(1).ints("Y")).isEmpty();
        assertThat(pieces.get(2).ints("Y")).containsExactly(3, 4, 5);
    }

    @Test
    void refusesAResultWithoutOneRowPerRequest() {
        InferResult batched = InferResult.of("m", "1", "", List.of(Tensor.fp32("SCORE", new float[]{1, 2}, 2, 1)));

        assertThatThrownBy(() -> TensorBatches.split(batched, new int[]{1, 1, 1}))
                .isInstanceOfSatisfying(InferenceException.class, e ->
                        assertThat(e.reason()).isEqualTo(InferenceException.Reason.MALFORMED_RESPONSE))
                .hasMessage("output SCORE FP32[2, 1] does not have a batch dimension of 3 (one row per batched request)");
    }

    @Test
    void keysDifferWhenRowsCannotBeStacked() {
        assertThat(TensorBatches.key(request(1, 2, "a"))).isEqualTo(TensorBatches.key(request(3, 4, "bbbb")));
        InferRequest wider = InferRequest.builder().input(Tensor.fp32("X", new float[]{1, 2, 3}, 1, 3)).build();
        InferRequest narrow = InferRequest.builder().input(Tensor.fp32("X", new float[]{1, 2}, 1, 2)).build();
        InferRequest otherType = InferRequest.builder().input(Tensor.fp16("X", new float[]{1, 2}, 1, 2)).build();

        assertThat(TensorBatches.key(wider)).isNotEqualTo(TensorBatches.key(narrow));
        assertThat(TensorBatches.key(otherType)).isNotEqualTo(TensorBatches.key(narrow));
        assertThatThrownBy(() -> TensorBatches.concat(List.of(wider.inputs().get(0), narrow.inputs().get(0))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void slicesHalfPrecisionAndBooleans() {
        Tensor halves = TensorBatches.concat(List.of(
                Tensor.fp16("H", new float[]{1, 2}, 1, 2), Tensor.fp16("H", new float[]{3, 4}, 1, 2)));
        Tensor flags = Tensor.bool("B", new boolean[]{true, false, false, true}, 2, 2);

        assertThat(halves.type()).isEqualTo(DataType.FP16);
        assertThat(TensorBatches.slice(halves, 1, 2).floats()).containsExactly(3, 4);
        assertThat(TensorBatches.slice(flags, 1, 2).booleans()).containsExactly(false, true);
    }

    private static InferRequest request(float a, float b, String label) {
        return InferRequest.builder()
                .input(Tensor.fp32("X", new float[]{a, b}, 1, 2))
                .input(Tensor.utf8("L", List.of(label), 1))
                .output("Y")
                .build();
    }
}
