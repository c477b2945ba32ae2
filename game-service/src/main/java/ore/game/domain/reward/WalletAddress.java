package ore.game.domain.reward;

import java.util.Optional;
import java.util.regex.Pattern;

/** An Ethereum address as auth-service puts it in the {@code wallet} claim: 0x and 40 hex digits (EIP-55). */
public record WalletAddress(String value) {

    private static final Pattern FORMAT = Pattern.compile("0x[0-9a-fA-F]{40}");

    public WalletAddress {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not an Ethereum address");
        }
    }

    /** The address, when the claim holds a well-formed one. */
    public static Optional<WalletAddress> fromClaim(String claim) {
        return claim != null && FORMAT.matcher(claim).matches() ? Optional.of(new WalletAddress(claim)) : Optional.empty();
    }
}
