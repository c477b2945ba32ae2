package ore.game.adapter.out.jooq;

import static ore.game.adapter.out.jooq.generated.Tables.NODE_CAPACITY;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import ore.game.app.port.NodeCapacityStore;
import ore.game.domain.node.NodeId;
import ore.game.domain.node.OreNode;
import org.jooq.impl.DSL;

@Singleton
public class JooqNodeCapacityStore implements NodeCapacityStore {

    private final JooqTransactions tx;

    public JooqNodeCapacityStore(JooqTransactions tx) {
        this.tx = tx;
    }

    /**
     * One statement: the first taker inserts the row with the spawned capacity minus its take; later
     * takers decrement it only while enough is left. Two takers of the last unit serialize on the row
     * lock; the second re-evaluates {@code remaining >= amount} on the updated row and gets nothing.
     */
    @Override
    public OptionalInt take(OreNode node, int amount, Instant now) {
        if (amount > node.capacity()) {
            return OptionalInt.empty();
        }
        var row = tx.requireTransaction().insertInto(NODE_CAPACITY)
                .set(NODE_CAPACITY.NODE_ID, node.id().toString())
                .set(NODE_CAPACITY.HOUR, node.id().hour())
                .set(NODE_CAPACITY.CAPACITY, node.capacity())
                .set(NODE_CAPACITY.REMAINING, node.capacity() - amount)
                .set(NODE_CAPACITY.UPDATED_AT, now)
                .onConflict(NODE_CAPACITY.NODE_ID)
                .doUpdate()
                .set(NODE_CAPACITY.REMAINING, NODE_CAPACITY.REMAINING.minus(amount))
                .set(NODE_CAPACITY.UPDATED_AT, now)
                .where(NODE_CAPACITY.REMAINING.ge(amount))
                .returning(NODE_CAPACITY.REMAINING)
                .fetchOne();
        return row == null ? OptionalInt.empty() : OptionalInt.of(row.getRemaining());
    }

    @Override
    public Map<NodeId, Integer> remaining(Collection<NodeId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        var byText = new HashMap<String, NodeId>();
        ids.forEach(id -> byText.put(id.toString(), id));
        var result = new HashMap<NodeId, Integer>();
        tx.dsl().select(NODE_CAPACITY.NODE_ID, NODE_CAPACITY.REMAINING)
                .from(NODE_CAPACITY)
                .where(NODE_CAPACITY.NODE_ID.in(byText.keySet()))
                .forEach(r -> result.put(byText.get(r.value1()), r.value2()));
        return result;
    }

    @Override
    public int deleteHoursBefore(long hour, int batchSize) {
        var batch = DSL.select(NODE_CAPACITY.NODE_ID).from(NODE_CAPACITY)
                .where(NODE_CAPACITY.HOUR.lt(hour)).limit(batchSize);
        return tx.dsl().deleteFrom(NODE_CAPACITY).where(NODE_CAPACITY.NODE_ID.in(batch)).execute();
    }
}
