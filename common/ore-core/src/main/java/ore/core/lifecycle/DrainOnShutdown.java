package ore.core.lifecycle;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.core.order.Ordered;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * On SIGTERM, reports "not ready" and keeps serving for {@code ore.shutdown.drain-delay} before the
 * server stops taking requests. Behind the ALB a stopping task keeps receiving requests until its
 * deregistration has propagated; without this pause those requests would hit a closed port.
 * Micronaut's graceful shutdown ({@code micronaut.lifecycle.graceful-shutdown}) then finishes the
 * requests in flight. Locally the delay is 0.
 */
@Singleton
@Readiness
public class DrainOnShutdown implements ApplicationEventListener<ShutdownEvent>, HealthIndicator, Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(DrainOnShutdown.class);

    private final Duration delay;
    private final AtomicBoolean draining = new AtomicBoolean();

    public DrainOnShutdown(@Value("${ore.shutdown.drain-delay:0s}") Duration delay) {
        this.delay = delay;
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    @Override
    public void onApplicationEvent(ShutdownEvent event) {
        if (draining.compareAndSet(false, true) && !delay.isZero()) {
            LOG.info("Shutdown requested: draining for {} before closing the server", delay);
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Mono.just(HealthResult.builder("drain", draining.get() ? HealthStatus.DOWN : HealthStatus.UP).build());
    }
}
