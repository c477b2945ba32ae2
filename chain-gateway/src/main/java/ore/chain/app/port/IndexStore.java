package ore.chain.app.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import ore.chain.domain.index.BlockHeader;
import ore.chain.domain.index.TokenTransfer;
import ore.chain.domain.index.TransferStatus;

/** The indexer's state: cursor, recent canonical headers and observed transfers. Caller's transaction. */
public interface IndexStore {

    Optional<BlockHeader> cursor(String name);

    void saveCursor(String name, BlockHeader block, Instant now);

    Optional<BlockHeader> block(long number);

    void saveBlocks(List<BlockHeader> blocks);

    void deleteBlocksAbove(long number);

    void deleteBlocksBelow(long number);

    /** Inserts the transfers not stored yet (same block hash and log index); returns those inserted. */
    List<TokenTransfer> insertTransfers(List<TokenTransfer> transfers, TransferStatus status, Instant now);

    /** Transfers above {@code block} that are not REMOVED. */
    List<Stored> liveTransfersAbove(long block);

    /** PENDING and CONFIRMED transfers at or below {@code block}. */
    List<Stored> openTransfersUpTo(long block);

    void setStatus(TokenTransfer transfer, TransferStatus status, Instant now);

    record Stored(TokenTransfer transfer, TransferStatus status) {
    }
}
