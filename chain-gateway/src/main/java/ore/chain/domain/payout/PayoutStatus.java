package ore.chain.domain.payout;

import java.util.Locale;

/**
 * Where a payout stands. {@code QUEUED → SIGNED → MINED → PAID | FAILED}; a reorg can send a MINED
 * payout back to SIGNED (its transaction is rebroadcast), and a nonce consumed by someone else sends
 * a SIGNED one back to QUEUED. Only PAID and FAILED are final, and only they are reported to
 * game-service.
 */
public enum PayoutStatus {
    QUEUED, SIGNED, MINED, PAID, FAILED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PayoutStatus ofCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    public boolean isFinal() {
        return this == PAID || this == FAILED;
    }
}
