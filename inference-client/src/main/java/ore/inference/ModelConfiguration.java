package ore.inference;

import java.util.List;

/**
 * The parts of the served model's Triton configuration the client uses.
 *
 * @param maxBatchSize        0 when the model does not batch; otherwise the largest leading
 *                            dimension a request may have, which caps client-side micro-batches
 * @param dynamicBatching     whether Triton itself also batches requests for this model
 * @param maxQueueDelayMicros Triton's dynamic-batching queue delay, 0 when not batching
 */
public record ModelConfiguration(String name, String platform, String backend, int maxBatchSize,
                                 boolean dynamicBatching, List<Integer> preferredBatchSizes,
                                 long maxQueueDelayMicros) {

    public ModelConfiguration {
        preferredBatchSizes = List.copyOf(preferredBatchSizes);
    }
}
