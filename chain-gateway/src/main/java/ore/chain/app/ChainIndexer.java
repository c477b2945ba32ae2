package ore.chain.app;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ore.chain.app.port.EventOutbox;
import ore.chain.app.port.IndexStore;
import ore.chain.app.port.RpcClient;
import ore.chain.app.port.TokenCodec;
import ore.chain.app.port.Transactions;
import ore.chain.domain.index.BlockHeader;
import ore.chain.domain.index.Confirmations;
import ore.chain.domain.index.TokenTransfer;
import ore.chain.domain.index.TransferStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the chain head and records the ORE token's Transfer logs, one {@link #tick()} at a time.
 *
 * <p><b>Reorgs.</b> The cursor is the last indexed block with its hash. Each tick first asks the
 * node for the block at the cursor's height; a different hash means the chain was reorganized. The
 * indexer then walks down the stored headers until the node agrees (the common ancestor), marks every
 * transfer above it REMOVED (each a retraction event), forgets those headers and moves the cursor
 * back; the next ticks index the new branch. Headers fetched for a range must link by parent hash,
 * and every log must carry its header's hash, or the tick is abandoned and retried: the chain moved
 * while we read it.
 *
 * <p><b>Exactly once.</b> Transfers, headers, the cursor and the events (outbox) of one tick commit
 * in one transaction under the indexer's advisory lock; a crash before commit redoes the tick, a
 * crash after it continues from the new cursor. Events are at-least-once on Kafka (consumers dedupe
 * on event id); their effects here happen once.
 *
 * <p><b>Finality.</b> Blocks at or below the finalized block cannot change: logs there are stored as
 * FINALIZED directly and only the last header of such a range is fetched, which makes backfills cheap.
 */
public final class ChainIndexer {

    private static final Logger LOG = LoggerFactory.getLogger(ChainIndexer.class);
    public static final String CURSOR = "ore-token-transfers";
    static final String INDEXER_LOCK = "chain.indexer";

    private final Transactions tx;
    private final IndexStore store;
    private final EventOutbox outbox;
    private final RpcClient rpc;
    private final TokenCodec token;
    private final LogFetcher fetcher;
    private final Finality finality;
    private final Confirmations confirmations;
    private final IndexerSettings settings;
    private final long chainId;
    private final EventTopics topics;
    private final Clock clock;

    public ChainIndexer(Transactions tx, IndexStore store, EventOutbox outbox, RpcClient rpc, TokenCodec token,
                        LogFetcher fetcher, Finality finality, IndexerSettings settings, long chainId, EventTopics topics,
                        Clock clock) {
        this.tx = tx;
        this.store = store;
        this.outbox = outbox;
        this.rpc = rpc;
        this.token = token;
        this.fetcher = fetcher;
        this.finality = finality;
        this.confirmations = new Confirmations(settings.confirmDepth());
        this.settings = settings;
        this.chainId = chainId;
        this.topics = topics;
        this.clock = clock;
    }

    /** What a tick did: blocks indexed, blocks rolled back, events written. */
    public record Tick(long indexedTo, int blocks, int rolledBack, int events) {
    }

    public Tick tick() {
        long head = rpc.blockNumber();
        long finalized = finality.finalizedBlock(head);
        Optional<BlockHeader> cursor = store.cursor(CURSOR);
        if (cursor.isPresent()) {
            BlockHeader c = cursor.get();
            Optional<BlockHeader> onChain = rpc.block(c.number());
            if (onChain.isEmpty() || !onChain.get().hash().equals(c.hash())) {
                return rollBack(c);
            }
        }
        long from = cursor.map(c -> c.number() + 1).orElse(Math.max(0, settings.startBlock()));
        long to = Math.min(head, from + settings.maxBlocksPerTick() - 1);
        if (from > to) {
            int events = promote(head, finalized, cursor.orElse(null));
            return new Tick(from - 1, 0, 0, events);
        }
        return indexRange(cursor.orElse(null), from, to, head, finalized);
    }

    private Tick indexRange(BlockHeader cursor, long from, long to, long head, long finalized) {
        long started = System.nanoTime();
        long lastFinal = Math.min(to, finalized);
        List<BlockHeader> headers = new ArrayList<>();
        if (lastFinal >= from) {
            headers.add(rpc.block(lastFinal).orElseThrow(() -> notYet(lastFinal)));
        }
        for (long n = Math.max(from, finalized + 1); n <= to; n++) {
            long number = n;
            headers.add(rpc.block(number).orElseThrow(() -> notYet(number)));
        }
        // Unfinalized headers must form one chain on top of the cursor (or the range's last final block).
        BlockHeader previous = lastFinal >= from ? headers.getFirst() : cursor;
        Map<Long, String> hashes = new HashMap<>();
        for (BlockHeader h : headers) {
            hashes.put(h.number(), h.hash());
        }
        for (int i = lastFinal >= from ? 1 : 0; i < headers.size(); i++) {
            BlockHeader h = headers.get(i);
            if (previous != null && !h.parentHash().equals(previous.hash())) {
                LOG.info("Chain moved while reading blocks {}..{} (block {} does not extend {}); retrying", from, to,
                        h.number(), previous.number());
                return new Tick(from - 1, 0, 0, 0);
            }
            previous = h;
        }
        List<TokenTransfer> transfers = new ArrayList<>();
        for (RpcClient.LogEntry log : fetcher.fetch(from, to)) {
            if (log.blockNumber() > lastFinal && !log.blockHash().equals(hashes.get(log.blockNumber()))) {
                LOG.info("Log of block {} is from another branch; retrying the range", log.blockNumber());
                return new Tick(from - 1, 0, 0, 0);
            }
            token.decodeTransfer(log).ifPresent(transfers::add);
        }
        BlockHeader newCursor = headers.getLast();
        Instant now = clock.instant();
        Integer events = tx.inTransaction(() -> {
            if (!tx.tryLock(INDEXER_LOCK) || !sameCursor(cursor)) {
                return null;
            }
            List<EventOutbox.Event> out = new ArrayList<>();
            Map<TransferStatus, List<TokenTransfer>> byStatus = new HashMap<>();
            for (TokenTransfer t : transfers) {
                byStatus.computeIfAbsent(confirmations.statusOf(t.blockNumber(), head, finalized), s -> new ArrayList<>())
                        .add(t);
            }
            for (var e : byStatus.entrySet()) {
                for (TokenTransfer t : store.insertTransfers(e.getValue(), e.getKey(), now)) {
                    out.add(event(t, e.getKey()));
                }
            }
            store.saveBlocks(headers);
            store.saveCursor(CURSOR, newCursor, now);
            promoteInTx(head, finalized, now, out);
            store.deleteBlocksBelow(Math.min(newCursor.number(), finalized) - settings.keepBlocks());
            outbox.publishAll(out);
            return out.size();
        });
        if (events == null) {
            return new Tick(from - 1, 0, 0, 0);
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        if (to - from >= 10) {
            LOG.info("Indexed blocks {}..{}: {} transfers, {} events in {} ms (head {}, finalized {})", from, to,
                    transfers.size(), events, ms, head, finalized);
        } else {
            LOG.debug("Indexed blocks {}..{}: {} transfers, {} events in {} ms", from, to, transfers.size(), events, ms);
        }
        return new Tick(to, (int) (to - from + 1), 0, events);
    }

    private Tick rollBack(BlockHeader cursor) {
        // Walk down until the stored header agrees with the node: the common ancestor.
        long n = cursor.number() - 1;
        BlockHeader ancestor = null;
        while (n >= 0) {
            Optional<BlockHeader> stored = store.block(n);
            if (stored.isEmpty()) {
                LOG.error("REORG_BEYOND_HISTORY: no stored header at {}; the reorg is deeper than the kept history", n);
                ancestor = rpc.block(n).orElseThrow(() -> notYet(cursor.number()));
                break;
            }
            Optional<BlockHeader> onChain = rpc.block(n);
            if (onChain.isPresent() && onChain.get().hash().equals(stored.get().hash())) {
                ancestor = stored.get();
                break;
            }
            n--;
        }
        BlockHeader target = ancestor;
        Instant now = clock.instant();
        Integer retracted = tx.inTransaction(() -> {
            if (!tx.tryLock(INDEXER_LOCK) || !sameCursor(cursor)) {
                return null;
            }
            long keep = target == null ? -1 : target.number();
            List<EventOutbox.Event> out = new ArrayList<>();
            for (IndexStore.Stored s : store.liveTransfersAbove(keep)) {
                store.setStatus(s.transfer(), TransferStatus.REMOVED, now);
                out.add(event(s.transfer(), TransferStatus.REMOVED));
            }
            outbox.publishAll(out);
            int count = out.size();
            store.deleteBlocksAbove(keep);
            if (target != null) {
                store.saveCursor(CURSOR, target, now);
            }
            return count;
        });
        long depth = cursor.number() - (target == null ? -1 : target.number());
        LOG.warn("REORG: chain reorganized below block {} ({} blocks); common ancestor {}; {} transfers retracted",
                cursor.number(), depth, target == null ? "none" : target.number(), retracted);
        return new Tick(target == null ? -1 : target.number(), 0, (int) depth, retracted == null ? 0 : retracted);
    }

    private int promote(long head, long finalized, BlockHeader cursor) {
        Integer events = tx.inTransaction(() -> {
            if (!tx.tryLock(INDEXER_LOCK) || !sameCursor(cursor)) {
                return null;
            }
            List<EventOutbox.Event> out = new ArrayList<>();
            promoteInTx(head, finalized, clock.instant(), out);
            outbox.publishAll(out);
            return out.size();
        });
        return events == null ? 0 : events;
    }

    /** PENDING → CONFIRMED → FINALIZED as blocks pile up; one event per step. */
    private void promoteInTx(long head, long finalized, Instant now, List<EventOutbox.Event> out) {
        for (IndexStore.Stored s : store.openTransfersUpTo(head)) {
            TransferStatus next = confirmations.statusOf(s.transfer().blockNumber(), head, finalized);
            if (next.ordinal() > s.status().ordinal()) {
                store.setStatus(s.transfer(), next, now);
                out.add(event(s.transfer(), next));
            }
        }
    }

    private boolean sameCursor(BlockHeader seen) {
        Optional<BlockHeader> now = store.cursor(CURSOR);
        return seen == null ? now.isEmpty() : now.map(c -> c.hash().equals(seen.hash())).orElse(false);
    }

    private EventOutbox.Event event(TokenTransfer t, TransferStatus status) {
        return new EventOutbox.Event(topics.chainEvents(), ChainEvents.ORE_TRANSFER, t.eventKey(),
                new ChainEvents.OreTransfer(chainId, t.txHash(), t.logIndex(), t.blockNumber(), t.blockHash(), t.from(),
                        t.to(), t.amount().toString(), status.code()));
    }

    private static IllegalStateException notYet(long number) {
        return new IllegalStateException("node has no block " + number + " yet");
    }
}
