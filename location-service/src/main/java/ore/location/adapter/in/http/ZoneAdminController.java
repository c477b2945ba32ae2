package ore.location.adapter.in.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
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
import java.net.URI;
import java.util.List;
import java.util.UUID;
import ore.location.app.NoPlayZones;
import ore.core.http.Problem;
import ore.core.http.openapi.UnauthenticatedResponse;
import ore.core.http.openapi.ForbiddenResponse;
import ore.core.http.openapi.RateLimitedResponse;

/** No-play zone administration (role {@code admin}). */
@Controller("/api/location/admin/zones")
@Secured("admin")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "admin")
@SecurityRequirement(name = "bearer")
@UnauthenticatedResponse
@ForbiddenResponse
@RateLimitedResponse
class ZoneAdminController {

    private final NoPlayZones zones;

    ZoneAdminController(NoPlayZones zones) {
        this.zones = zones;
    }

    @Operation(operationId = "createZone", summary = "Create a no-play zone from a GeoJSON Polygon or MultiPolygon",
            description = "400 location.invalid_zone with what to fix: not a Polygon/MultiPolygon, rings not closed "
                    + "or crossing, coordinates out of range, more than 1000 positions, more than 50 km². Every "
                    + "instance applies it within 30 s.")
    @ApiResponse(responseCode = "201", description = "Created; Location names the new zone",
            content = @Content(schema = @Schema(implementation = LocationDtos.Zone.class)))
    @ApiResponse(responseCode = "400", description = "location.invalid_zone with what to fix, or request.invalid "
            + "(no name, no geometry)", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "503", description = "location.zones_not_loaded: this instance has not loaded the "
            + "zones yet; retry after Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @Post
    HttpResponse<LocationDtos.Zone> create(Authentication authentication, @Body @Valid LocationDtos.ZoneRequest body) {
        var zone = zones.create(body.name(), body.geometry(), authentication.getName());
        return HttpResponse.created(LocationDtos.Zone.of(zone), URI.create("/api/location/admin/zones/" + zone.id()));
    }

    @Operation(operationId = "listZones", summary = "Every no-play zone")
    @ApiResponse(responseCode = "200", description = "Every zone")
    @Get
    List<LocationDtos.Zone> list() {
        return zones.list().stream().map(LocationDtos.Zone::of).toList();
    }

    @Operation(operationId = "deleteZone", summary = "Delete a no-play zone", description = "404 location.zone_not_found")
    @ApiResponse(responseCode = "204", description = "Deleted; every instance stops applying it within 30 s")
    @ApiResponse(responseCode = "404", description = "location.zone_not_found", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @Delete("/{id}")
    @Status(HttpStatus.NO_CONTENT)
    void delete(Authentication authentication, @PathVariable UUID id) {
        zones.delete(id, authentication.getName());
    }
}
