package ore.game.adapter.out.jooq;

import static ore.game.adapter.out.jooq.generated.Tables.MINE_REQUEST;

import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import ore.game.adapter.out.jooq.generated.tables.records.MineRequestRecord;
import ore.game.app.MineResult;
import ore.game.app.port.MineRequestStore;
import ore.game.domain.mining.IdempotencyKey;
import ore.game.domain.node.NodeId;
import ore.game.domain.node.OreType;
import org.jooq.impl.DSL;
import org.postgresql.util.PSQLException;

@Singleton
public class JooqMineRequestStore implements MineRequestStore {

    private static final String MINED = "mined";
    private static final String DEPLETED = "depleted";
    /** The (player_id, idem_key) primary key of game.mine_request (V1 migration). */
    private static final String PRIMARY_KEY = "mine_request_pkey";

    private final JooqTransactions tx;

    public JooqMineRequestStore(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<StoredMine> find(UUID playerId, IdempotencyKey key) {
        return tx.dsl().selectFrom(MINE_REQUEST)
                .where(MINE_REQUEST.PLAYER_ID.eq(playerId).and(MINE_REQUEST.IDEM_KEY.eq(key.value())))
                .fetchOptional()
                .map(JooqMineRequestStore::toStored);
    }

    @Override
    public void save(UUID playerId, IdempotencyKey key, StoredMine answer, Instant at) {
        MineResult r = answer.result();
        tx.defer(tx.builder().insertInto(MINE_REQUEST)
                .set(MINE_REQUEST.PLAYER_ID, playerId)
                .set(MINE_REQUEST.IDEM_KEY, key.value())
                .set(MINE_REQUEST.NODE_ID, answer.nodeId().toString())
                .set(MINE_REQUEST.OUTCOME, answer.depleted() ? DEPLETED : MINED)
                .set(MINE_REQUEST.TX_ID, r == null ? null : r.mineId())
                .set(MINE_REQUEST.ORE, r == null ? null : r.ore().code())
                .set(MINE_REQUEST.NODE_REMAINING, r == null ? null : r.nodeRemaining())
                .set(MINE_REQUEST.BALANCE_AFTER, r == null ? null : r.balance())
                .set(MINE_REQUEST.CREATED_AT, at));
    }

    @Override
    public boolean keyTaken(RuntimeException failure) {
        // The deferred batch reports it as a BatchUpdateException whose next exception is the server's.
        for (Throwable t = failure; t != null && t != t.getCause(); t = t.getCause()) {
            for (SQLException s = t instanceof SQLException sql ? sql : null; s != null; s = s.getNextException()) {
                if (s instanceof PSQLException p && "23505".equals(p.getSQLState()) && p.getServerErrorMessage() != null
                        && PRIMARY_KEY.equals(p.getServerErrorMessage().getConstraint())) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public int deleteOfPlayer(UUID playerId) {
        return tx.dsl().deleteFrom(MINE_REQUEST).where(MINE_REQUEST.PLAYER_ID.eq(playerId)).execute();
    }

    @Override
    public int deleteOlderThan(Instant cutoff, int batchSize) {
        var batch = DSL.select(MINE_REQUEST.PLAYER_ID, MINE_REQUEST.IDEM_KEY).from(MINE_REQUEST)
                .where(MINE_REQUEST.CREATED_AT.lt(cutoff)).limit(batchSize);
        return tx.dsl().deleteFrom(MINE_REQUEST)
                .where(DSL.row(MINE_REQUEST.PLAYER_ID, MINE_REQUEST.IDEM_KEY).in(batch))
                .execute();
    }

    private static StoredMine toStored(MineRequestRecord r) {
        NodeId node = NodeId.parse(r.getNodeId());
        if (DEPLETED.equals(r.getOutcome())) {
            return new StoredMine(node, null);
        }
        OreType ore = OreType.byCode(r.getOre()).orElseThrow(() -> new IllegalStateException("bad ore " + r.getOre()));
        return new StoredMine(node, new MineResult(r.getTxId(), r.getNodeId(), ore, 1, r.getNodeRemaining(),
                r.getBalanceAfter(), r.getCreatedAt(), false));
    }
}
