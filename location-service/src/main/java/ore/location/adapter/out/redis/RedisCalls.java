package ore.location.adapter.out.redis;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import ore.location.domain.LocationErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Waits for a Lettuce call with a deadline; callers run on virtual threads, so waiting is cheap. */
final class RedisCalls {

    private static final Logger LOG = LoggerFactory.getLogger(RedisCalls.class);
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private RedisCalls() {
    }

    static <T> T await(CompletionStage<T> call) {
        try {
            return call.toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LocationErrors.stateUnavailable();
        } catch (ExecutionException e) {
            LOG.warn("Redis call failed: {}", e.getCause().toString());
            throw LocationErrors.stateUnavailable();
        } catch (TimeoutException e) {
            LOG.warn("Redis call timed out after {}", TIMEOUT);
            throw LocationErrors.stateUnavailable();
        }
    }
}
