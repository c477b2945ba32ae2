package ore.chain.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import ore.chain.app.port.RpcClient;
import org.junit.jupiter.api.Test;

/** Adaptive eth_getLogs chunking against a node that refuses ranges above a limit. */
class LogFetcherTest {

    /** A node with one log per block that refuses more than {@code maxRange} blocks per call. */
    static final class LimitedNode implements LogFetcher.LogSource {
        final long maxRange;
        final List<long[]> calls = new ArrayList<>();

        LimitedNode(long maxRange) {
            this.maxRange = maxRange;
        }

        @Override
        public List<RpcClient.LogEntry> logs(long from, long to) {
            calls.add(new long[] {from, to});
            if (to - from + 1 > maxRange) {
                throw new RpcClient.LogRangeTooLargeException(-32005, "query returned more than 10000 results");
            }
            return LongStream.rangeClosed(from, to).mapToObj(n -> new RpcClient.LogEntry("0xt", List.of(), "0x", n,
                    "0xh" + n, "0xtx" + n, 0)).toList();
        }
    }

    @Test
    void halvesRefusedRangesAndReturnsEveryBlockOnceInOrder() {
        LimitedNode node = new LimitedNode(100);
        LogFetcher fetcher = new LogFetcher(node, 1000, 5000);
        List<RpcClient.LogEntry> logs = fetcher.fetch(1, 2000);
        assertThat(logs).extracting(RpcClient.LogEntry::blockNumber)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 2000).boxed().toList());
        assertThat(fetcher.span()).isLessThanOrEqualTo(200);
        // Refusals are bounded: the span is learned, not rediscovered for every chunk.
        long refused = node.calls.stream().filter(c -> c[1] - c[0] + 1 > 100).count();
        assertThat(refused).isLessThan(node.calls.size() / 2 + 5);
    }

    @Test
    void growsAgainWhenTheNodeAcceptsLargerRanges() {
        LogFetcher fetcher = new LogFetcher(new LimitedNode(Long.MAX_VALUE), 10, 400);
        fetcher.fetch(0, 5000);
        assertThat(fetcher.span()).isEqualTo(400);
    }

    @Test
    void aSingleBlockTheNodeCannotReturnIsAnError() {
        LogFetcher fetcher = new LogFetcher((from, to) -> {
            throw new RpcClient.LogRangeTooLargeException(-32005, "response size exceeded");
        }, 8, 8);
        assertThatThrownBy(() -> fetcher.fetch(5, 20)).isInstanceOf(RpcClient.LogRangeTooLargeException.class);
    }
}
