package ore.auth.adapter.out.redis;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import ore.core.error.DomainException;
import ore.core.error.ErrorCategory;

/** Waits for a Lettuce call with a deadline; callers run on virtual threads, so waiting is cheap. */
final class RedisCalls {

    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private RedisCalls() {
    }

    static <T> T await(CompletionStage<T> call) {
        try {
            return call.toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        } catch (ExecutionException | TimeoutException e) {
            throw unavailable();
        }
    }

    static DomainException unavailable() {
        return new DomainException(ErrorCategory.UNAVAILABLE, "server.dependency_unavailable",
                "A dependency of the service is unavailable; retry shortly.", Duration.ofSeconds(2));
    }
}
