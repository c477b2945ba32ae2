package ore.chain.domain.index;

/**
 * Which status a log in block {@code block} has, given the head, the finalized block and how many
 * blocks make a log "confirmed". Pure arithmetic, so the indexer and its tests agree on it.
 */
public record Confirmations(long confirmDepth) {

    public Confirmations {
        if (confirmDepth < 0) {
            throw new IllegalArgumentException("confirmDepth must be >= 0");
        }
    }

    public TransferStatus statusOf(long block, long head, long finalized) {
        if (block <= finalized) {
            return TransferStatus.FINALIZED;
        }
        if (head - block >= confirmDepth) {
            return TransferStatus.CONFIRMED;
        }
        return TransferStatus.PENDING;
    }
}
