package ore.location.adapter.in.http;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import ore.location.app.Proximity;

/**
 * For game-service (service token with {@code aud: location}, role {@code service}). Reached only
 * inside the VPC ({@code location.ore.local}); the ALB never routes {@code /internal/*}.
 */
@Controller("/internal/location")
@Secured("service")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "internal")
class ProximityController {

    private final Proximity proximity;

    ProximityController(Proximity proximity) {
        this.proximity = proximity;
    }

    @Operation(summary = "Is the player's last trusted position within maxDistanceM of (lat, lon)?",
            description = "known:false when there is no trusted position (treat as too far). fixAgeMs is the age of "
                    + "that position; inNoPlayZone whether it lies in a no-play zone; targetInNoPlayZone whether the "
                    + "asked point does.")
    @Get("/proximity")
    LocationDtos.ProximityResponse proximity(@QueryValue UUID playerId, @QueryValue double lat, @QueryValue double lon,
                                             @QueryValue double maxDistanceM) {
        return LocationDtos.ProximityResponse.of(proximity.check(playerId, lat, lon, maxDistanceM));
    }
}
