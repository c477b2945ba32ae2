package ore.location.config;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.Map;
import ore.location.app.NoPlayZones;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Readiness: DOWN until this instance has loaded the no-play zones once. Serving before that would
 * judge every fix against no zones at all (fail open), so {@code /health} answers 503 and the load
 * balancer keeps the instance out until the first load succeeded. Later refresh failures keep the
 * last loaded index and do not change readiness.
 */
@Singleton
@Readiness
class ZonesReadiness implements HealthIndicator {

    private final NoPlayZones zones;

    ZonesReadiness(NoPlayZones zones) {
        this.zones = zones;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        boolean loaded = zones.loaded();
        return Mono.just(HealthResult.builder("noPlayZones", loaded ? HealthStatus.UP : HealthStatus.DOWN)
                .details(Map.of("loaded", loaded)).build());
    }
}
