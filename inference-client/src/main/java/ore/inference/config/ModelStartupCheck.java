package ore.inference.config;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import ore.inference.InferenceException;
import ore.inference.TritonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies the model when the service starts. A model that does not match the service's
 * {@code ModelSpec} stops the start-up (a deployment error to fix, not to run with); a Triton that
 * cannot be reached does not, because callers fall back, and the client re-checks on its own once
 * traffic arrives.
 */
@Singleton
@Requires(property = InferenceSettings.PREFIX + ".target")
@Requires(property = InferenceSettings.PREFIX + ".verify-on-startup", notEquals = "false")
class ModelStartupCheck implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(ModelStartupCheck.class);

    private final TritonClient client;
    private final InferenceSettings settings;

    ModelStartupCheck(TritonClient client, InferenceSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        try {
            client.verifyModel();
        } catch (InferenceException e) {
            if (e.reason() == InferenceException.Reason.MODEL_MISMATCH && settings.failOnMismatch()) {
                throw e;
            }
            LOG.warn("Triton model check at start-up failed ({}); inference stays off until a later check passes: {}",
                    e.code(), e.getMessage());
        }
    }
}
