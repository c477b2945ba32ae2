package ore.auth.adapter.out.jooq;

import static ore.auth.adapter.out.jooq.generated.Tables.PLAYER;
import static ore.auth.adapter.out.jooq.generated.Tables.REFRESH_FAMILY;
import static ore.auth.adapter.out.jooq.generated.Tables.REFRESH_TOKEN;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import ore.auth.app.port.SessionStore;
import ore.auth.domain.session.RefreshDecision;
import org.jooq.impl.DSL;

@Singleton
public class JooqSessionStore implements SessionStore {

    private final JooqTransactions tx;

    public JooqSessionStore(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<SessionState> lockSession(UUID familyId) {
        return tx.requireTransaction().selectFrom(REFRESH_FAMILY)
                .where(REFRESH_FAMILY.ID.eq(familyId))
                .forUpdate()
                .fetchOptional(r -> new SessionState(r.getPlayerId(), r.getCreatedAt(), r.getExpiresAt(),
                        Optional.ofNullable(r.getRevokedAt())));
    }

    @Override
    public boolean isCurrentToken(String tokenHash, UUID familyId, Instant now) {
        return tx.dsl().fetchExists(REFRESH_TOKEN, REFRESH_TOKEN.TOKEN_HASH.eq(tokenHash)
                .and(REFRESH_TOKEN.FAMILY_ID.eq(familyId))
                .and(REFRESH_TOKEN.USED_AT.isNull())
                .and(REFRESH_TOKEN.EXPIRES_AT.gt(now)));
    }

    @Override
    public void createFamily(UUID familyId, UUID playerId, Instant now, Instant expiresAt) {
        tx.dsl().insertInto(REFRESH_FAMILY)
                .set(REFRESH_FAMILY.ID, familyId)
                .set(REFRESH_FAMILY.PLAYER_ID, playerId)
                .set(REFRESH_FAMILY.CREATED_AT, now)
                .set(REFRESH_FAMILY.LAST_USED_AT, now)
                .set(REFRESH_FAMILY.EXPIRES_AT, expiresAt)
                .execute();
    }

    @Override
    public void addToken(String tokenHash, UUID familyId, Instant issuedAt, Instant expiresAt) {
        tx.dsl().insertInto(REFRESH_TOKEN)
                .set(REFRESH_TOKEN.TOKEN_HASH, tokenHash)
                .set(REFRESH_TOKEN.FAMILY_ID, familyId)
                .set(REFRESH_TOKEN.ISSUED_AT, issuedAt)
                .set(REFRESH_TOKEN.EXPIRES_AT, expiresAt)
                .execute();
    }

    @Override
    public Optional<StoredToken> lockToken(String tokenHash) {
        return tx.requireTransaction()
                .select(REFRESH_TOKEN.FAMILY_ID, REFRESH_FAMILY.PLAYER_ID, REFRESH_TOKEN.EXPIRES_AT,
                        REFRESH_TOKEN.USED_AT, REFRESH_FAMILY.EXPIRES_AT, REFRESH_FAMILY.REVOKED_AT,
                        PLAYER.DELETION_REQUESTED_AT)
                .from(REFRESH_TOKEN)
                .join(REFRESH_FAMILY).on(REFRESH_FAMILY.ID.eq(REFRESH_TOKEN.FAMILY_ID))
                .join(PLAYER).on(PLAYER.ID.eq(REFRESH_FAMILY.PLAYER_ID))
                .where(REFRESH_TOKEN.TOKEN_HASH.eq(tokenHash))
                .forUpdate().of(REFRESH_TOKEN, REFRESH_FAMILY)
                .fetchOptional(r -> new StoredToken(r.value1(), r.value2(), new RefreshDecision.State(
                        r.value3(), Optional.ofNullable(r.value4()), r.value5(), Optional.ofNullable(r.value6()),
                        r.value7() == null)));
    }

    @Override
    public void markUsed(String tokenHash, Instant now) {
        // The first use is what the reuse grace window is measured from; later uses keep it.
        tx.dsl().update(REFRESH_TOKEN)
                .set(REFRESH_TOKEN.USED_AT, DSL.coalesce(REFRESH_TOKEN.USED_AT, DSL.val(now)))
                .where(REFRESH_TOKEN.TOKEN_HASH.eq(tokenHash))
                .execute();
        tx.dsl().update(REFRESH_FAMILY)
                .set(REFRESH_FAMILY.LAST_USED_AT, now)
                .where(REFRESH_FAMILY.ID.eq(DSL.select(REFRESH_TOKEN.FAMILY_ID).from(REFRESH_TOKEN)
                        .where(REFRESH_TOKEN.TOKEN_HASH.eq(tokenHash))))
                .execute();
    }

    @Override
    public void revokeFamily(UUID familyId, String reason, Instant now) {
        tx.dsl().update(REFRESH_FAMILY)
                .set(REFRESH_FAMILY.REVOKED_AT, now)
                .set(REFRESH_FAMILY.REVOKE_REASON, reason)
                .where(REFRESH_FAMILY.ID.eq(familyId).and(REFRESH_FAMILY.REVOKED_AT.isNull()))
                .execute();
    }

    @Override
    public void revokeAllOf(UUID playerId, String reason, Instant now) {
        tx.dsl().update(REFRESH_FAMILY)
                .set(REFRESH_FAMILY.REVOKED_AT, now)
                .set(REFRESH_FAMILY.REVOKE_REASON, reason)
                .where(REFRESH_FAMILY.PLAYER_ID.eq(playerId).and(REFRESH_FAMILY.REVOKED_AT.isNull()))
                .execute();
    }

    @Override
    public List<Session> sessionsOf(UUID playerId) {
        return tx.dsl().selectFrom(REFRESH_FAMILY)
                .where(REFRESH_FAMILY.PLAYER_ID.eq(playerId))
                .orderBy(REFRESH_FAMILY.CREATED_AT.desc())
                .fetch(r -> new Session(r.getId(), r.getCreatedAt(), r.getLastUsedAt(), r.getExpiresAt(),
                        Optional.ofNullable(r.getRevokedAt()), Optional.ofNullable(r.getRevokeReason())));
    }

    @Override
    public int deleteExpired(Instant cutoff) {
        int tokens = tx.dsl().deleteFrom(REFRESH_TOKEN).where(REFRESH_TOKEN.EXPIRES_AT.lt(cutoff)).execute();
        int families = tx.dsl().deleteFrom(REFRESH_FAMILY).where(REFRESH_FAMILY.EXPIRES_AT.lt(cutoff)).execute();
        return tokens + families;
    }
}
