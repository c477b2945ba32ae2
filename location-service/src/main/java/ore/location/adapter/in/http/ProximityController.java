package ore.location.adapter.in.http;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import ore.location.app.Proximity;
import ore.location.config.LocationSettings;
import ore.location.domain.LocationErrors;

/**
 * For game-service (service token with {@code aud: location}, role {@code service}, and a subject
 * listed in {@code ore.location.internal.callers}). Reached only inside the VPC
 * ({@code location.ore.local}); the ALB never routes {@code /internal/*}.
 */
// Service-to-service only: kept out of the public OpenAPI document (docs/contracts.md describes it).
@Hidden
@Controller("/internal/location")
@Secured("service")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "internal")
class ProximityController {

    /** Points of one zone check: as many as a node listing can hold. */
    static final int MAX_POINTS = 2000;

    @Serdeable
    record Point(double lat, double lon) {
    }

    @Serdeable
    record ZoneCheck(List<Point> points) {
    }

    @Serdeable
    record ZoneCheckResult(List<Boolean> inNoPlayZone) {
    }

    private final Proximity proximity;
    private final Set<String> callers;

    ProximityController(Proximity proximity, LocationSettings.Internal internal) {
        this.proximity = proximity;
        this.callers = Set.copyOf(internal.callers());
    }

    @Operation(operationId = "checkProximity", summary = "Is the player's last trusted position within maxDistanceM of (lat, lon)?",
            description = "known:false when there is no trusted position (treat as too far). fixAgeMs is the age of "
                    + "that position; verdict and accuracyM say how far it can be trusted; inNoPlayZone whether it "
                    + "lies in a no-play zone; targetInNoPlayZone (always present) whether the asked point does.")
    @Get("/proximity")
    LocationDtos.ProximityResponse proximity(Authentication caller, @QueryValue UUID playerId, @QueryValue double lat,
                                             @QueryValue double lon, @QueryValue double maxDistanceM) {
        allowed(caller);
        return LocationDtos.ProximityResponse.of(proximity.check(playerId, lat, lon, maxDistanceM));
    }

    @Operation(operationId = "checkZones", summary = "Which of these points lie in a no-play zone?",
            description = "Answers one boolean per point, in order (at most " + MAX_POINTS + " points).")
    @Post("/zones/contains")
    ZoneCheckResult zonesContain(Authentication caller, @Body ZoneCheck check) {
        allowed(caller);
        if (check == null || check.points() == null || check.points().size() > MAX_POINTS) {
            throw LocationErrors.invalidInput("invalid_points", "points must be a list of at most " + MAX_POINTS
                    + " {lat, lon} objects.");
        }
        double[][] points = new double[check.points().size()][];
        for (int i = 0; i < points.length; i++) {
            Point p = check.points().get(i);
            if (p == null) {
                throw LocationErrors.invalidInput("invalid_points", "points[" + i + "] is null.");
            }
            points[i] = new double[] {p.lat(), p.lon()};
        }
        return new ZoneCheckResult(proximity.inNoPlayZones(points));
    }

    private void allowed(Authentication caller) {
        if (caller == null || !callers.contains(caller.getName())) {
            throw LocationErrors.callerNotAllowed();
        }
    }
}
