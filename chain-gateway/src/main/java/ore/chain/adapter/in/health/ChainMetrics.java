package ore.chain.adapter.in.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import java.math.BigInteger;
import java.util.function.Function;
import ore.chain.app.TreasuryMonitor;

/**
 * Treasury gauges from the monitor's last snapshot: {@code ore.chain.treasury.token.balance} and
 * {@code ore.chain.treasury.gas.balance} (in whole tokens / POL, as doubles: for dashboards only),
 * {@code ore.chain.payouts.owed} (tokens) and {@code ore.chain.payouts.pending} (count, tag status).
 */
@Context
class ChainMetrics {

    private static final double WEI = 1e18;

    ChainMetrics(MeterRegistry registry, TreasuryMonitor treasury) {
        gauge(registry, "ore.chain.treasury.token.balance", treasury, s -> tokens(s.tokenBalance()));
        gauge(registry, "ore.chain.treasury.gas.balance", treasury, s -> tokens(s.gasBalance()));
        gauge(registry, "ore.chain.payouts.owed", treasury, s -> tokens(s.owed()));
        Gauge.builder("ore.chain.payouts.pending", treasury, t -> t.last() == null ? Double.NaN : t.last().queued())
                .tag("status", "queued").register(registry);
        Gauge.builder("ore.chain.payouts.pending", treasury, t -> t.last() == null ? Double.NaN : t.last().signed())
                .tag("status", "signed").register(registry);
        Gauge.builder("ore.chain.payouts.pending", treasury, t -> t.last() == null ? Double.NaN : t.last().mined())
                .tag("status", "mined").register(registry);
    }

    private static void gauge(MeterRegistry registry, String name, TreasuryMonitor treasury,
                              Function<TreasuryMonitor.Snapshot, Double> value) {
        Gauge.builder(name, treasury, t -> t.last() == null ? Double.NaN : value.apply(t.last())).register(registry);
    }

    private static double tokens(BigInteger wei) {
        return wei.doubleValue() / WEI;
    }
}
