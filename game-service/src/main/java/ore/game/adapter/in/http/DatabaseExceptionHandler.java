package ore.game.adapter.in.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.time.Duration;
import ore.core.http.Problem;
import ore.core.http.ProblemResponses;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Database failures at the edge. An overloaded or unreachable database (no pooled connection within
 * the timeout, connection lost, too many connections, statement cancelled) is 503 with Retry-After:
 * the client may retry, and the load balancer sees overload rather than a bug. Anything else is a
 * bug and a 500 whose details stay in the log.
 */
@Produces(Problem.MEDIA_TYPE)
@Singleton
class DatabaseExceptionHandler implements ExceptionHandler<DataAccessException, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseExceptionHandler.class);

    @Override
    public HttpResponse<?> handle(HttpRequest request, DataAccessException e) {
        if (transientFailure(e)) {
            LOG.warn("Database unavailable for {} {}: {}", request.getMethodName(), request.getPath(), e.getMessage());
            return ProblemResponses.of(request, HttpStatus.SERVICE_UNAVAILABLE, "server.dependency_unavailable",
                    "The service is overloaded or its database is unreachable; retry shortly.", null, Duration.ofSeconds(1));
        }
        LOG.error("Database error for {} {}", request.getMethodName(), request.getPath(), e);
        return ProblemResponses.of(request, HttpStatus.INTERNAL_SERVER_ERROR, "server.internal_error",
                "Internal error. Quote the traceId when reporting it.", null, null);
    }

    static boolean transientFailure(Throwable e) {
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof SQLTransientException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                // 08: connection exceptions; 53: insufficient resources; 57P01-03: shutdown; 57014: cancelled (timeout).
                if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P") || state.equals("57014")) {
                    return true;
                }
            }
        }
        return false;
    }
}
