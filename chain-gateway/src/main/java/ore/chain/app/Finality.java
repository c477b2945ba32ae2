package ore.chain.app;

import java.util.concurrent.atomic.AtomicReference;
import ore.chain.app.port.RpcClient;
import ore.chain.domain.index.BlockHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The highest block that can no longer be reorganized away: the node's {@code finalized} block when
 * it knows that tag (Bor since v1.1 with milestones; anvil), else {@code head - depth}. A node that
 * rejects the tag once is asked by depth from then on, so a fallback provider without the tag keeps
 * working; set {@code useTag} false to always count depth.
 */
public final class Finality {

    private static final Logger LOG = LoggerFactory.getLogger(Finality.class);

    private final RpcClient rpc;
    private final boolean useTag;
    private final long depth;
    private final AtomicReference<Boolean> tagSupported = new AtomicReference<>();

    public Finality(RpcClient rpc, boolean useTag, long depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("finality depth must be at least 1");
        }
        this.rpc = rpc;
        this.useTag = useTag;
        this.depth = depth;
    }

    /** The finalized block number for a chain whose head is {@code head}; -1 when none is final yet. */
    public long finalizedBlock(long head) {
        if (useTag && !Boolean.FALSE.equals(tagSupported.get())) {
            try {
                long n = rpc.block("finalized").map(BlockHeader::number).orElse(-1L);
                tagSupported.set(Boolean.TRUE);
                return Math.min(n, head);
            } catch (RpcClient.RpcRejectedException e) {
                tagSupported.set(Boolean.FALSE);
                LOG.warn("Node rejects the 'finalized' block tag ({}); counting {} blocks of depth instead",
                        e.getMessage(), depth);
            }
        }
        return head - depth;
    }
}
