package ore.game.domain.ledger;

import java.util.Locale;

/** Why ore moved. */
public enum Reason {
    /** world → player: a unit mined from a node (reference: node id). */
    MINED,
    /** player → escrow: a reward claim (reference: reward id). */
    CLAIM,
    /** escrow → paid: chain-gateway paid the claim (reference: reward id). */
    PAID,
    /** escrow → player (or purged): the payout failed, the ore goes back (reference: reward id). */
    REFUND,
    /** player → purged: the player deleted the account (reference: user id). */
    PURGE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Reason byCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
