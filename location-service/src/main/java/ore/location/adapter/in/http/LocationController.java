package ore.location.adapter.in.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.EnumMap;
import java.util.Map;
import ore.location.app.LocationUpdates;
import ore.location.app.NearbyPlayers;
import ore.location.app.Sharing;
import ore.location.config.LocationSettings;
import ore.location.domain.fix.Verdict;
import ore.core.http.Problem;
import ore.core.http.openapi.UnauthenticatedResponse;
import ore.core.http.openapi.RateLimitedResponse;

/** The player's own location API: updates, nearby players, and the nearby opt-in. */
@Controller("/api/location")
@Secured("player")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "location")
@SecurityRequirement(name = "bearer")
@UnauthenticatedResponse
@RateLimitedResponse
class LocationController {

    private final LocationUpdates updates;
    private final NearbyPlayers nearby;
    private final Sharing sharing;
    private final int precisionDecimals;
    private final Map<Verdict, Counter> fixes = new EnumMap<>(Verdict.class);

    LocationController(LocationUpdates updates, NearbyPlayers nearby, Sharing sharing, LocationSettings.Nearby settings,
                       MeterRegistry meters) {
        this.updates = updates;
        this.nearby = nearby;
        this.sharing = sharing;
        this.precisionDecimals = settings.precisionDecimals();
        for (Verdict v : Verdict.values()) {
            fixes.put(v, Counter.builder("ore.location.fixes").tag("verdict", v.name())
                    .description("Fixes received, by verdict").register(meters));
        }
    }

    @Operation(operationId = "sendLocationUpdates", summary = "Send a batch of 1 to 50 GPS fixes",
            description = "Answers per fix: accepted or not, the anti-cheat verdict and reason codes. A fix that is "
                    + "out of range, older than 10 min, more than 30 s in the future, or not newer than what was "
                    + "already received is rejected by itself (invalid_*, stale, future, out_of_order, duplicate); "
                    + "sending the same batch again changes nothing. 400 location.invalid_batch for 0 or more than "
                    + "50 fixes; 503 location.tracking_unavailable (retry the same batch).")
    @ApiResponse(responseCode = "200", description = "One result per fix, in the order sent",
            content = @Content(schema = @Schema(implementation = LocationDtos.UpdateResponse.class)))
    @ApiResponse(responseCode = "400", description = "location.invalid_batch (0 or more than 50 fixes), or "
            + "request.invalid (malformed JSON, a fix without lat, lon, accuracy or ts)", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "403", description = "location.account_deleted: the account is being deleted", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "503", description = "location.tracking_unavailable, location.state_unavailable or "
            + "location.busy: retry the same batch after Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @Post("/updates")
    LocationDtos.UpdateResponse update(Authentication authentication, @Body @Valid LocationDtos.UpdateRequest body) {
        var result = updates.submit(Principals.playerId(authentication),
                body.fixes().stream().map(LocationDtos.FixIn::toFix).toList());
        result.outcomes().forEach(o -> fixes.get(o.judgement().verdict()).increment());
        return LocationDtos.UpdateResponse.of(result);
    }

    @Operation(operationId = "listNearbyPlayers", summary = "Opted-in players near a point (coordinates rounded)",
            description = "radius in metres, at most 1000 (400 location.radius_out_of_range above). The point must be "
                    + "within 1000 m of your last trusted position (409 location.position_unknown without a recent "
                    + "one, 422 location.search_too_far otherwise).")
    @ApiResponse(responseCode = "200", description = "The opted-in players around the point, coordinates rounded",
            content = @Content(schema = @Schema(implementation = LocationDtos.NearbyResponse.class)))
    @ApiResponse(responseCode = "400", description = "location.radius_out_of_range, location.invalid_coordinates, or "
            + "request.invalid (lat, lon or radius missing or not a number)", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "location.position_unknown: no recent trusted position; send a "
            + "location update first", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "422", description = "location.search_too_far: the point is more than 1000 m from "
            + "your last trusted position", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @Get("/nearby")
    LocationDtos.NearbyResponse nearby(Authentication authentication, @QueryValue double lat, @QueryValue double lon,
                                       @QueryValue double radius) {
        var players = nearby.around(Principals.playerId(authentication), lat, lon, radius).stream()
                .map(LocationDtos.NearbyPlayer::of).toList();
        return new LocationDtos.NearbyResponse(radius, precisionDecimals, players);
    }

    @Operation(operationId = "getSharing", summary = "Whether you are shown to nearby players (off by default)")
    @ApiResponse(responseCode = "200", description = "The current setting",
            content = @Content(schema = @Schema(implementation = LocationDtos.SharingResponse.class)))
    @Get("/sharing")
    LocationDtos.SharingResponse sharing(Authentication authentication) {
        return new LocationDtos.SharingResponse(sharing.get(Principals.playerId(authentication)));
    }

    @Operation(operationId = "setSharing", summary = "Turn showing you to nearby players on or off",
            description = "Off takes effect at once; on with your next location update.")
    @ApiResponse(responseCode = "200", description = "The new setting",
            content = @Content(schema = @Schema(implementation = LocationDtos.SharingResponse.class)))
    @ApiResponse(responseCode = "400", description = "location.invalid_sharing (nearby is not true or false), or "
            + "request.invalid", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @Put("/sharing")
    LocationDtos.SharingResponse setSharing(Authentication authentication, @Body @Valid LocationDtos.SharingRequest body) {
        boolean nearby = body.value();
        sharing.set(Principals.playerId(authentication), nearby);
        return new LocationDtos.SharingResponse(nearby);
    }
}
