package ore.core.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/**
 * Prometheus scrape endpoint at {@code /metrics}, the path every ORE service uses. The ALB never
 * routes it; only the in-VPC collector (ADOT) and the local stack scrape it.
 */
@Controller("/metrics")
@Secured(SecurityRule.IS_ANONYMOUS)
class PrometheusController {

    private final PrometheusMeterRegistry registry;

    PrometheusController(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Get
    @Produces("text/plain; version=0.0.4; charset=utf-8")
    @ExecuteOn(TaskExecutors.BLOCKING)
    String scrape() {
        return registry.scrape();
    }
}
