package ore.chain.domain.index;

import java.util.Locale;

/**
 * Lifecycle of an observed Transfer log: PENDING (in a block near the head), CONFIRMED (enough blocks
 * on top), FINALIZED (at or below the finalized block: cannot be reorganized away), or REMOVED (its
 * block left the canonical chain; a retraction of what was announced before).
 */
public enum TransferStatus {
    PENDING, CONFIRMED, FINALIZED, REMOVED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TransferStatus ofCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
