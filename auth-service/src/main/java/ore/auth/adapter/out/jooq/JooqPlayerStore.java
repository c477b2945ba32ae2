package ore.auth.adapter.out.jooq;

import static ore.auth.adapter.out.jooq.generated.Tables.EMAIL_VERIFICATION;
import static ore.auth.adapter.out.jooq.generated.Tables.PASSWORD_RESET;
import static ore.auth.adapter.out.jooq.generated.Tables.PLAYER;
import static ore.auth.adapter.out.jooq.generated.Tables.WALLET_CHANGE;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import ore.auth.adapter.out.jooq.generated.tables.records.PlayerRecord;
import ore.auth.app.port.PlayerStore;
import ore.auth.domain.account.Email;
import ore.auth.domain.account.Player;
import ore.auth.domain.account.WalletChange;
import org.jooq.exception.DataAccessException;

@Singleton
public class JooqPlayerStore implements PlayerStore {

    private final JooqTransactions tx;

    public JooqPlayerStore(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<Player> byId(UUID id) {
        return tx.dsl().selectFrom(PLAYER).where(PLAYER.ID.eq(id)).fetchOptional().map(JooqPlayerStore::toPlayer);
    }

    @Override
    public Optional<Player> byEmail(Email email) {
        return tx.dsl().selectFrom(PLAYER).where(PLAYER.EMAIL.eq(email.value())).fetchOptional()
                .map(JooqPlayerStore::toPlayer);
    }

    @Override
    public Optional<Player> byDeviceHash(String deviceHash) {
        return tx.dsl().selectFrom(PLAYER).where(PLAYER.DEVICE_ID_HASH.eq(deviceHash)).fetchOptional()
                .map(JooqPlayerStore::toPlayer);
    }

    @Override
    public boolean insert(Player p, String deviceHashOrNull) {
        int rows = tx.dsl().insertInto(PLAYER)
                .set(PLAYER.ID, p.id())
                .set(PLAYER.KIND, p.kind().name().toLowerCase())
                .set(PLAYER.EMAIL, p.email().map(Email::value).orElse(null))
                .set(PLAYER.PASSWORD_HASH, p.passwordHash().orElse(null))
                .set(PLAYER.DEVICE_ID_HASH, deviceHashOrNull)
                .set(PLAYER.IS_ADMIN, p.admin())
                .set(PLAYER.CREATED_AT, p.createdAt())
                .set(PLAYER.UPDATED_AT, p.createdAt())
                .onConflictDoNothing()
                .execute();
        return rows == 1;
    }

    @Override
    public boolean upgrade(UUID id, Email email, String passwordHash, Instant now) {
        return unlessTaken(() -> tx.dsl().update(PLAYER)
                    .set(PLAYER.KIND, "registered")
                    .set(PLAYER.EMAIL, email.value())
                    .set(PLAYER.PASSWORD_HASH, passwordHash)
                    .setNull(PLAYER.DEVICE_ID_HASH)
                    .set(PLAYER.UPDATED_AT, now)
                    .where(PLAYER.ID.eq(id).and(PLAYER.KIND.eq("guest")))
                    .execute());
    }

    @Override
    public void updatePasswordHash(UUID id, String passwordHash, Instant now) {
        tx.dsl().update(PLAYER).set(PLAYER.PASSWORD_HASH, passwordHash).set(PLAYER.UPDATED_AT, now)
                .where(PLAYER.ID.eq(id)).execute();
    }

    @Override
    public boolean linkWallet(UUID id, Player.Wallet wallet, Instant now) {
        return unlessTaken(() -> tx.dsl().update(PLAYER)
                    .set(PLAYER.WALLET_ADDRESS, wallet.address())
                    .set(PLAYER.WALLET_CHAIN_ID, wallet.chainId())
                    .set(PLAYER.WALLET_LINKED_AT, wallet.linkedAt())
                    .set(PLAYER.UPDATED_AT, now)
                    .where(PLAYER.ID.eq(id).and(PLAYER.WALLET_ADDRESS.isNull()))
                    .execute());
    }

    /** Runs a one-row update; false when it touched no row or hit a unique constraint (value taken). */
    private static boolean unlessTaken(java.util.function.IntSupplier update) {
        try {
            return update.getAsInt() == 1;
        } catch (DataAccessException e) {
            if (JooqTransactions.uniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean unlinkWallet(UUID id, Instant now) {
        return tx.dsl().update(PLAYER)
                .setNull(PLAYER.WALLET_ADDRESS).setNull(PLAYER.WALLET_CHAIN_ID).setNull(PLAYER.WALLET_LINKED_AT)
                .set(PLAYER.UPDATED_AT, now)
                .where(PLAYER.ID.eq(id).and(PLAYER.WALLET_ADDRESS.isNotNull()))
                .execute() == 1;
    }

    @Override
    public void addPendingEmail(String codeHash, PendingEmail pending, Instant now, Instant expiresAt) {
        tx.dsl().insertInto(EMAIL_VERIFICATION)
                .set(EMAIL_VERIFICATION.TOKEN_HASH, codeHash)
                .set(EMAIL_VERIFICATION.PLAYER_ID, pending.guestId().orElse(null))
                .set(EMAIL_VERIFICATION.EMAIL, pending.email().value())
                .set(EMAIL_VERIFICATION.PASSWORD_HASH, pending.passwordHash())
                .set(EMAIL_VERIFICATION.CREATED_AT, now)
                .set(EMAIL_VERIFICATION.EXPIRES_AT, expiresAt)
                .execute();
    }

    @Override
    public Optional<PendingEmail> takePendingEmail(String codeHash, Instant now) {
        return tx.dsl().deleteFrom(EMAIL_VERIFICATION)
                .where(EMAIL_VERIFICATION.TOKEN_HASH.eq(codeHash).and(EMAIL_VERIFICATION.EXPIRES_AT.gt(now)))
                .returning(EMAIL_VERIFICATION.PLAYER_ID, EMAIL_VERIFICATION.EMAIL, EMAIL_VERIFICATION.PASSWORD_HASH)
                .fetchOptional(r -> new PendingEmail(Optional.ofNullable(r.getPlayerId()), new Email(r.getEmail()),
                        r.getPasswordHash()));
    }

    @Override
    public void addPasswordReset(String codeHash, UUID playerId, Instant now, Instant expiresAt) {
        tx.dsl().insertInto(PASSWORD_RESET)
                .set(PASSWORD_RESET.TOKEN_HASH, codeHash)
                .set(PASSWORD_RESET.PLAYER_ID, playerId)
                .set(PASSWORD_RESET.CREATED_AT, now)
                .set(PASSWORD_RESET.EXPIRES_AT, expiresAt)
                .execute();
    }

    @Override
    public Optional<UUID> passwordResetFor(String codeHash, Instant now) {
        return tx.dsl().select(PASSWORD_RESET.PLAYER_ID).from(PASSWORD_RESET)
                .where(PASSWORD_RESET.TOKEN_HASH.eq(codeHash).and(PASSWORD_RESET.EXPIRES_AT.gt(now)))
                .fetchOptional(PASSWORD_RESET.PLAYER_ID);
    }

    @Override
    public Optional<UUID> takePasswordReset(String codeHash, Instant now) {
        return tx.dsl().deleteFrom(PASSWORD_RESET)
                .where(PASSWORD_RESET.TOKEN_HASH.eq(codeHash).and(PASSWORD_RESET.EXPIRES_AT.gt(now)))
                .returning(PASSWORD_RESET.PLAYER_ID)
                .fetchOptional(PASSWORD_RESET.PLAYER_ID);
    }

    @Override
    public void dropPasswordResets(UUID playerId) {
        tx.dsl().deleteFrom(PASSWORD_RESET).where(PASSWORD_RESET.PLAYER_ID.eq(playerId)).execute();
    }

    @Override
    public int deleteExpiredCodes(Instant cutoff) {
        return tx.dsl().deleteFrom(EMAIL_VERIFICATION).where(EMAIL_VERIFICATION.EXPIRES_AT.lt(cutoff)).execute()
                + tx.dsl().deleteFrom(PASSWORD_RESET).where(PASSWORD_RESET.EXPIRES_AT.lt(cutoff)).execute();
    }

    @Override
    public void recordWalletChange(UUID playerId, WalletChange change) {
        tx.dsl().insertInto(WALLET_CHANGE)
                .set(WALLET_CHANGE.ID, change.id())
                .set(WALLET_CHANGE.PLAYER_ID, playerId)
                .set(WALLET_CHANGE.ACTION, change.action().name().toLowerCase(Locale.ROOT))
                .set(WALLET_CHANGE.WALLET_ADDRESS, change.address())
                .set(WALLET_CHANGE.CHAIN_ID, change.chainId())
                .set(WALLET_CHANGE.SESSION_ID, change.sessionId().orElse(null))
                .set(WALLET_CHANGE.CHANGED_AT, change.changedAt())
                .execute();
    }

    @Override
    public List<WalletChange> walletChanges(UUID playerId) {
        return tx.dsl().selectFrom(WALLET_CHANGE)
                .where(WALLET_CHANGE.PLAYER_ID.eq(playerId))
                .orderBy(WALLET_CHANGE.CHANGED_AT, WALLET_CHANGE.ID)
                .fetch(r -> new WalletChange(r.getId(), WalletChange.Action.valueOf(r.getAction().toUpperCase(Locale.ROOT)),
                        r.getWalletAddress(), r.getChainId() == null ? 0 : r.getChainId(),
                        Optional.ofNullable(r.getSessionId()), r.getChangedAt()));
    }

    @Override
    public boolean requestDeletion(UUID id, Instant now) {
        // The e-mail, device and wallet are released at once so the person can start over, and
        // so the unique indexes do not keep personal data alive until the purge.
        return tx.dsl().update(PLAYER)
                .set(PLAYER.DELETION_REQUESTED_AT, now)
                .set(PLAYER.UPDATED_AT, now)
                .setNull(PLAYER.EMAIL).setNull(PLAYER.PASSWORD_HASH).setNull(PLAYER.DEVICE_ID_HASH)
                .setNull(PLAYER.WALLET_ADDRESS).setNull(PLAYER.WALLET_CHAIN_ID).setNull(PLAYER.WALLET_LINKED_AT)
                .set(PLAYER.KIND, "guest")
                .where(PLAYER.ID.eq(id).and(PLAYER.DELETION_REQUESTED_AT.isNull()))
                .execute() == 1;
    }

    @Override
    public List<UUID> purgeRequestedBefore(Instant cutoff, int limit) {
        var due = tx.dsl().select(PLAYER.ID).from(PLAYER)
                .where(PLAYER.DELETION_REQUESTED_AT.lt(cutoff))
                .orderBy(PLAYER.DELETION_REQUESTED_AT)
                .limit(limit)
                .forUpdate().skipLocked();
        return tx.dsl().deleteFrom(PLAYER).where(PLAYER.ID.in(due)).returning(PLAYER.ID).fetch(PLAYER.ID);
    }

    private static Player toPlayer(PlayerRecord r) {
        Optional<Player.Wallet> wallet = r.getWalletAddress() == null ? Optional.empty()
                : Optional.of(new Player.Wallet(r.getWalletAddress(), r.getWalletChainId(), r.getWalletLinkedAt()));
        return new Player(
                r.getId(),
                "registered".equals(r.getKind()) ? Player.Kind.REGISTERED : Player.Kind.GUEST,
                Optional.ofNullable(r.getEmail()).map(Email::new),
                Optional.ofNullable(r.getPasswordHash()),
                Boolean.TRUE.equals(r.getIsAdmin()),
                wallet,
                r.getCreatedAt(),
                Optional.ofNullable(r.getDeletionRequestedAt()));
    }
}
