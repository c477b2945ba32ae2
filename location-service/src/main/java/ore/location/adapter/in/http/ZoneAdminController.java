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
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import ore.location.app.NoPlayZones;

/** No-play zone administration (role {@code admin}). */
@Controller("/api/location/admin/zones")
@Secured("admin")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "admin")
class ZoneAdminController {

    private final NoPlayZones zones;

    ZoneAdminController(NoPlayZones zones) {
        this.zones = zones;
    }

    @Operation(summary = "Create a no-play zone from a GeoJSON Polygon or MultiPolygon",
            description = "400 location.invalid_zone with what to fix: not a Polygon/MultiPolygon, rings not closed "
                    + "or crossing, coordinates out of range, more than 1000 positions, more than 50 km². Every "
                    + "instance applies it within 30 s.")
    @Post
    HttpResponse<LocationDtos.Zone> create(Authentication authentication, @Body @Valid LocationDtos.ZoneRequest body) {
        var zone = zones.create(body.name(), body.geometry(), authentication.getName());
        return HttpResponse.created(LocationDtos.Zone.of(zone), URI.create("/api/location/admin/zones/" + zone.id()));
    }

    @Operation(summary = "Every no-play zone")
    @Get
    List<LocationDtos.Zone> list() {
        return zones.list().stream().map(LocationDtos.Zone::of).toList();
    }

    @Operation(summary = "Delete a no-play zone", description = "404 location.zone_not_found")
    @Delete("/{id}")
    @Status(HttpStatus.NO_CONTENT)
    void delete(Authentication authentication, @PathVariable UUID id) {
        zones.delete(id, authentication.getName());
    }
}
