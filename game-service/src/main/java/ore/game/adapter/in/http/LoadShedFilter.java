package ore.game.adapter.in.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import ore.core.http.ProblemResponses;
import ore.game.config.GameSettings;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Load shedding: at most {@code ore.game.load.max-in-flight} game API requests are handled at once on
 * this instance; beyond that a request is answered at once with 503 and {@code Retry-After} instead
 * of queueing. Queueing without bound makes every admitted request slow (the open-loop benchmark at
 * 2000/s reached a p50 of 23 s); refusing the excess keeps the admitted ones within their latency
 * target, and a client (or the load balancer, which spreads retries) tries again shortly.
 * Health and metrics are not counted: they must answer under any load.
 */
@Filter("/api/game/**")
class LoadShedFilter implements HttpServerFilter, Ordered {

    private final Semaphore inFlight;
    private final Duration retryAfter;
    private final Counter shed;

    LoadShedFilter(GameSettings.Load settings, MeterRegistry meters) {
        this.inFlight = new Semaphore(settings.maxInFlight());
        this.retryAfter = settings.retryAfter();
        this.shed = Counter.builder("ore.game.load.shed").description("Requests refused with 503 because the "
                + "instance had max-in-flight requests in progress").register(meters);
        Gauge.builder("ore.game.load.in_flight", inFlight, s -> settings.maxInFlight() - s.availablePermits())
                .description("Game API requests in progress").register(meters);
    }

    @Override
    public int getOrder() {
        // Before authentication and rate limiting: refusing must cost next to nothing.
        return ServerFilterPhase.FIRST.before();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        if (!inFlight.tryAcquire()) {
            shed.increment();
            return Mono.just(ProblemResponses.of(request, HttpStatus.SERVICE_UNAVAILABLE, "server.overloaded",
                    "The service is at capacity; retry after the time in Retry-After.", null, retryAfter));
        }
        return Flux.from(chain.proceed(request)).doFinally(signal -> inFlight.release());
    }
}
