package ore.core.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import ore.core.error.DomainException;

/** Turns every {@link DomainException} thrown by a use case into its problem+json response. */
@Produces(Problem.MEDIA_TYPE)
@Singleton
@Requires(classes = {DomainException.class, ExceptionHandler.class})
public class DomainExceptionHandler implements ExceptionHandler<DomainException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, DomainException e) {
        return ProblemResponses.of(request, ProblemResponses.statusOf(e.category()), e.code(),
                e.getMessage(), null, e.retryAfter().orElse(null));
    }
}
