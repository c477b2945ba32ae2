package ore.game.domain.ledger;

/**
 * The kinds of ledger accounts. Only the world (the mint every mined unit comes from) may go
 * negative; its balance is minus the ore in circulation. Every other account is a holding that can
 * never be negative.
 */
public enum AccountKind {
    /** A player's inventory of one ore. */
    PLAYER("player"),
    /** Where mined ore comes from. */
    WORLD("world"),
    /** Ore of claims that chain-gateway has not settled yet. */
    ESCROW("escrow"),
    /** Ore converted into paid tokens: the sink of settled claims. */
    PAID("paid"),
    /** Ore of players who deleted their account (GDPR): kept so the ledger still balances. */
    PURGED("purged");

    private final String code;

    AccountKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public boolean mayGoNegative() {
        return this == WORLD;
    }

    public static AccountKind byCode(String code) {
        for (AccountKind k : values()) {
            if (k.code.equals(code)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown account kind: " + code);
    }
}
