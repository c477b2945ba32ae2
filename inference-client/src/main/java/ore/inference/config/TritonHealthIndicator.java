package ore.inference.config;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import ore.inference.CircuitState;
import ore.inference.TritonClient;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code triton} in {@code /health}: UP when the server and model are ready, the model verified
 * and the breaker not open. Otherwise DEGRADED, which is operational (HTTP 200), because the
 * services using this client fall back to rules when Triton is away; DOWN only with
 * {@code ore.inference.health-required: true}. The probe is a single call with its own short
 * deadline, so a black-holed Triton cannot make the health check time out.
 */
@Singleton
@Requires(property = InferenceSettings.PREFIX + ".target")
@Requires(classes = HealthIndicator.class)
class TritonHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    static final HealthStatus DEGRADED = new HealthStatus("DEGRADED",
            "Triton is not usable; callers run without model scores", true, null);

    private final TritonClient client;
    private final InferenceSettings settings;

    TritonHealthIndicator(TritonClient client, InferenceSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    @Override
    protected String getName() {
        return "triton";
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        return check().details();
    }

    /** Computes status and details together (the base class would share a field between concurrent probes). */
    @Override
    protected HealthResult getHealthResult() {
        Check check = check();
        return HealthResult.builder(getName(), check.status()).details(check.details()).build();
    }

    private record Check(HealthStatus status, Map<String, Object> details) {
    }

    private Check check() {
        boolean ready = client.probeReady(settings.healthTimeout());
        CircuitState breaker = client.circuitState();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("target", settings.target());
        details.put("model", client.options().model());
        details.put("ready", ready);
        details.put("verified", client.isModelVerified());
        details.put("breaker", breaker.name());
        boolean usable = ready && client.isModelVerified() && breaker != CircuitState.OPEN;
        HealthStatus status = usable ? HealthStatus.UP : settings.healthRequired() ? HealthStatus.DOWN : DEGRADED;
        return new Check(status, details);
    }
}
