package ore.chain.adapter.out.jooq;

import static ore.chain.adapter.out.jooq.generated.Tables.BLOCK;
import static ore.chain.adapter.out.jooq.generated.Tables.CURSOR;
import static ore.chain.adapter.out.jooq.generated.Tables.TRANSFER;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import ore.chain.adapter.out.jooq.generated.tables.records.TransferRecord;
import ore.chain.app.port.IndexStore;
import ore.chain.domain.index.BlockHeader;
import ore.chain.domain.index.TokenTransfer;
import ore.chain.domain.index.TransferStatus;
import org.jooq.Record2;

/** {@link IndexStore} on {@code chain.cursor}, {@code chain.block} and {@code chain.transfer}. */
@Singleton
public class JooqIndexStore implements IndexStore {

    private static final int CHUNK = 1000;
    private final JooqTransactions tx;

    public JooqIndexStore(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<BlockHeader> cursor(String name) {
        return tx.dsl().select(CURSOR.BLOCK_NUMBER, CURSOR.BLOCK_HASH).from(CURSOR).where(CURSOR.NAME.eq(name))
                .fetchOptional(r -> new BlockHeader(r.value1(), r.value2(), ""));
    }

    @Override
    public void saveCursor(String name, BlockHeader b, Instant now) {
        tx.dsl().insertInto(CURSOR).set(CURSOR.NAME, name).set(CURSOR.BLOCK_NUMBER, b.number())
                .set(CURSOR.BLOCK_HASH, b.hash()).set(CURSOR.UPDATED_AT, now)
                .onConflict(CURSOR.NAME).doUpdate()
                .set(CURSOR.BLOCK_NUMBER, b.number()).set(CURSOR.BLOCK_HASH, b.hash()).set(CURSOR.UPDATED_AT, now)
                .execute();
    }

    @Override
    public Optional<BlockHeader> block(long number) {
        return tx.dsl().selectFrom(BLOCK).where(BLOCK.NUMBER.eq(number))
                .fetchOptional(r -> new BlockHeader(r.getNumber(), r.getHash(), r.getParentHash()));
    }

    @Override
    public void saveBlocks(List<BlockHeader> blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        var insert = tx.dsl().insertInto(BLOCK, BLOCK.NUMBER, BLOCK.HASH, BLOCK.PARENT_HASH);
        for (BlockHeader b : blocks) {
            insert = insert.values(b.number(), b.hash(), b.parentHash());
        }
        insert.onConflict(BLOCK.NUMBER).doUpdate()
                .set(BLOCK.HASH, org.jooq.impl.DSL.excluded(BLOCK.HASH))
                .set(BLOCK.PARENT_HASH, org.jooq.impl.DSL.excluded(BLOCK.PARENT_HASH))
                .execute();
    }

    @Override
    public void deleteBlocksAbove(long number) {
        tx.dsl().deleteFrom(BLOCK).where(BLOCK.NUMBER.gt(number)).execute();
    }

    @Override
    public void deleteBlocksBelow(long number) {
        tx.dsl().deleteFrom(BLOCK).where(BLOCK.NUMBER.lt(number)).execute();
    }

    @Override
    public List<TokenTransfer> insertTransfers(List<TokenTransfer> transfers, TransferStatus status, Instant now) {
        List<TokenTransfer> inserted = new ArrayList<>();
        for (int i = 0; i < transfers.size(); i += CHUNK) {
            List<TokenTransfer> chunk = transfers.subList(i, Math.min(transfers.size(), i + CHUNK));
            var insert = tx.dsl().insertInto(TRANSFER, TRANSFER.BLOCK_HASH, TRANSFER.LOG_INDEX, TRANSFER.BLOCK_NUMBER,
                    TRANSFER.TX_HASH, TRANSFER.FROM_ADDRESS, TRANSFER.TO_ADDRESS, TRANSFER.AMOUNT, TRANSFER.STATUS,
                    TRANSFER.UPDATED_AT);
            for (TokenTransfer t : chunk) {
                insert = insert.values(t.blockHash(), t.logIndex(), t.blockNumber(), t.txHash(), t.from(), t.to(), t.amount(),
                        status.code(), now);
            }
            Set<String> keys = new HashSet<>();
            for (Record2<String, Integer> r : insert.onConflictDoNothing().returningResult(TRANSFER.BLOCK_HASH, TRANSFER.LOG_INDEX)
                    .fetch()) {
                keys.add(r.value1() + "#" + r.value2());
            }
            for (TokenTransfer t : chunk) {
                if (keys.contains(t.blockHash() + "#" + t.logIndex())) {
                    inserted.add(t);
                }
            }
        }
        return inserted;
    }

    @Override
    public List<Stored> liveTransfersAbove(long block) {
        return tx.dsl().selectFrom(TRANSFER)
                .where(TRANSFER.BLOCK_NUMBER.gt(block), TRANSFER.STATUS.ne(TransferStatus.REMOVED.code()))
                .orderBy(TRANSFER.BLOCK_NUMBER, TRANSFER.LOG_INDEX).fetch(JooqIndexStore::toStored);
    }

    @Override
    public List<Stored> openTransfersUpTo(long block) {
        return tx.dsl().selectFrom(TRANSFER)
                .where(TRANSFER.BLOCK_NUMBER.le(block),
                        TRANSFER.STATUS.in(TransferStatus.PENDING.code(), TransferStatus.CONFIRMED.code()))
                .orderBy(TRANSFER.BLOCK_NUMBER, TRANSFER.LOG_INDEX).fetch(JooqIndexStore::toStored);
    }

    @Override
    public void setStatus(TokenTransfer t, TransferStatus status, Instant now) {
        tx.dsl().update(TRANSFER).set(TRANSFER.STATUS, status.code()).set(TRANSFER.UPDATED_AT, now)
                .where(TRANSFER.BLOCK_HASH.eq(t.blockHash()), TRANSFER.LOG_INDEX.eq(t.logIndex())).execute();
    }

    private static Stored toStored(TransferRecord r) {
        return new Stored(new TokenTransfer(r.getBlockNumber(), r.getBlockHash(), r.getTxHash(), r.getLogIndex(),
                r.getFromAddress(), r.getToAddress(), r.getAmount()), TransferStatus.ofCode(r.getStatus()));
    }
}
