package ore.auth.app.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import ore.auth.domain.account.Email;
import ore.auth.domain.account.Player;
import ore.auth.domain.account.WalletChange;

/** Player accounts. Uniqueness of e-mail, device id and wallet is enforced by the store. */
public interface PlayerStore {

    Optional<Player> byId(UUID id);

    Optional<Player> byEmail(Email email);

    Optional<Player> byDeviceHash(String deviceHash);

    /** Inserts; false (and nothing written) when the e-mail or device id is already taken. */
    boolean insert(Player player, String deviceHashOrNull);

    /** Gives a guest an e-mail and password, dropping its device credential; false when the e-mail is taken. */
    boolean upgrade(UUID id, Email email, String passwordHash, Instant now);

    void updatePasswordHash(UUID id, String passwordHash, Instant now);

    /** Links; false when the wallet is linked to another player. */
    boolean linkWallet(UUID id, Player.Wallet wallet, Instant now);

    /** Unlinks; false when no wallet was linked. */
    boolean unlinkWallet(UUID id, Instant now);

    /**
     * An e-mail waiting for the address's owner to confirm it: a guest's request to become an e-mail
     * account ({@code guestId} present), or a registration ({@code guestId} empty: the account is
     * created on confirmation).
     */
    record PendingEmail(Optional<UUID> guestId, Email email, String passwordHash) {

        public static PendingEmail registration(Email email, String passwordHash) {
            return new PendingEmail(Optional.empty(), email, passwordHash);
        }

        public static PendingEmail upgrade(UUID guestId, Email email, String passwordHash) {
            return new PendingEmail(Optional.of(guestId), email, passwordHash);
        }

        @Override
        public String toString() {
            return "PendingEmail[guestId=" + guestId.map(UUID::toString).orElse("-") + ", ***]";
        }
    }

    /** Stores a pending e-mail under the hash of its single-use code. */
    void addPendingEmail(String codeHash, PendingEmail pending, Instant now, Instant expiresAt);

    /** Removes the pending e-mail with this code and returns it, unless unknown or expired. */
    Optional<PendingEmail> takePendingEmail(String codeHash, Instant now);

    /** Stores a password reset code (its hash) for the player. */
    void addPasswordReset(String codeHash, UUID playerId, Instant now, Instant expiresAt);

    /** The player a password reset code is for, unless unknown or expired; the code stays. */
    Optional<UUID> passwordResetFor(String codeHash, Instant now);

    /** Removes the password reset code and returns its player, unless unknown or expired; in a transaction, once only. */
    Optional<UUID> takePasswordReset(String codeHash, Instant now);

    /** Removes every password reset code of the player (its password just changed). */
    void dropPasswordResets(UUID playerId);

    /** Deletes pending e-mails and password reset codes that expired before {@code cutoff}; how many rows went. */
    int deleteExpiredCodes(Instant cutoff);

    /** Appends to the player's wallet history. */
    void recordWalletChange(UUID playerId, WalletChange change);

    /** The player's wallet history, oldest first. */
    List<WalletChange> walletChanges(UUID playerId);

    /** Marks the account for deletion; false when it already was (so the caller announces it once). */
    boolean requestDeletion(UUID id, Instant now);

    /** Deletes up to {@code limit} accounts whose deletion was requested before {@code cutoff}; their ids. */
    List<UUID> purgeRequestedBefore(Instant cutoff, int limit);
}
