package ore.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.health.HealthStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class DrainOnShutdownTest {

    @Test
    void reportsNotReadyAndWaitsTheDrainDelayOnShutdown() {
        var drain = new DrainOnShutdown(Duration.ofMillis(300));
        assertThat(Mono.from(drain.getResult()).block().getStatus()).isEqualTo(HealthStatus.UP);
        long start = System.nanoTime();
        drain.onApplicationEvent(null);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(Mono.from(drain.getResult()).block().getStatus()).isEqualTo(HealthStatus.DOWN);
    }
}
