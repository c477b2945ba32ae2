package ore.auth.domain.account;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A player account. Guests have neither e-mail nor password (their device id is their credential);
 * registered players have both. At most one wallet is linked. An account whose deletion was
 * requested is locked out at once and purged later.
 */
public record Player(
        UUID id,
        Kind kind,
        Optional<Email> email,
        Optional<String> passwordHash,
        boolean admin,
        Optional<Wallet> wallet,
        Instant createdAt,
        Optional<Instant> deletionRequestedAt) {

    public enum Kind { GUEST, REGISTERED }

    /** A linked wallet: EIP-55 address and the chain it was proven on. */
    public record Wallet(String address, long chainId, Instant linkedAt) {
    }

    public boolean active() {
        return deletionRequestedAt.isEmpty();
    }

    /** Without the password hash and e-mail: records end up in logs and exceptions. */
    @Override
    public String toString() {
        return "Player[id=" + id + ", kind=" + kind + ", email=" + (email.isPresent() ? "***" : "none")
                + ", wallet=" + (wallet.isPresent() ? "linked" : "none") + ", active=" + active() + "]";
    }

    public List<String> roles() {
        var roles = new ArrayList<String>();
        roles.add("player");
        if (admin) {
            roles.add("admin");
        }
        return List.copyOf(roles);
    }
}
