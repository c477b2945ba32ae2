package ore.chain.adapter.in.health;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import ore.chain.app.TreasuryMonitor;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * {@code /health} reports DEGRADED (still serving: HTTP 200) when the treasury's token balance cannot
 * cover the queued and signed payouts; the monitor logs {@code TREASURY_UNDERFUNDED} at the same time.
 */
@Singleton
public class TreasuryHealthIndicator implements HealthIndicator {

    /** Operational (the service works, payouts wait), but worse than UP. */
    public static final HealthStatus DEGRADED = new HealthStatus("DEGRADED", "treasury cannot cover pending payouts",
            true, 1);

    private final TreasuryMonitor treasury;

    public TreasuryHealthIndicator(TreasuryMonitor treasury) {
        this.treasury = treasury;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        TreasuryMonitor.Snapshot s = treasury.last();
        if (s == null) {
            return Mono.just(HealthResult.builder("treasury", HealthStatus.UP).details(Map.of("checked", false)).build());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("tokenBalance", s.tokenBalance().toString());
        details.put("owed", s.owed().toString());
        details.put("pendingPayouts", s.queued() + s.signed());
        return Mono.just(HealthResult.builder("treasury", s.covered() ? HealthStatus.UP : DEGRADED).details(details).build());
    }
}
