package ore.game.domain.ledger;

import java.util.Objects;

/** One leg of a ledger transaction: a signed, non-zero amount of ore on one account. */
public record Entry(Account account, long amount) {

    public Entry {
        Objects.requireNonNull(account, "account");
        if (amount == 0) {
            throw new IllegalArgumentException("an entry moves a non-zero amount");
        }
    }
}
