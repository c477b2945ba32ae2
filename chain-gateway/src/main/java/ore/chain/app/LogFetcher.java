package ore.chain.app;

import java.util.ArrayList;
import java.util.List;
import ore.chain.app.port.RpcClient;

/**
 * Reads logs over a block range in chunks whose size adapts to what the node accepts: a refused
 * range ("too many results", "block range too large") is halved and retried; each accepted chunk
 * lets the next one grow by a quarter, up to {@code maxSpan}. The span is remembered between calls,
 * so a provider's limit is learned once. Single-threaded use (the indexer's loop).
 */
public final class LogFetcher {

    /** The one call the fetcher needs, so tests can give it a node with any limit. */
    @FunctionalInterface
    public interface LogSource {
        List<RpcClient.LogEntry> logs(long from, long to);
    }

    private final LogSource source;
    private final long maxSpan;
    private long span;

    public LogFetcher(LogSource source, long initialSpan, long maxSpan) {
        if (initialSpan < 1 || maxSpan < initialSpan) {
            throw new IllegalArgumentException("need 1 <= initialSpan <= maxSpan");
        }
        this.source = source;
        this.span = initialSpan;
        this.maxSpan = maxSpan;
    }

    /** All logs in {@code from..to} (inclusive), in block order. */
    public List<RpcClient.LogEntry> fetch(long from, long to) {
        List<RpcClient.LogEntry> all = new ArrayList<>();
        long start = from;
        while (start <= to) {
            long end = Math.min(to, start + span - 1);
            try {
                all.addAll(source.logs(start, end));
                start = end + 1;
                span = Math.min(maxSpan, span + span / 4 + 1);
            } catch (RpcClient.LogRangeTooLargeException e) {
                if (end == start) {
                    throw e;   // a single block the node cannot return: nothing left to split
                }
                span = Math.max(1, (end - start + 1) / 2);
            }
        }
        return all;
    }

    /** The span the next chunk starts with. */
    public long span() {
        return span;
    }
}
