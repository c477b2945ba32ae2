package ore.game.adapter.in.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import ore.game.app.NodeService;
import ore.game.domain.GameErrors;
import ore.game.domain.node.GeoPoint;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import ore.core.http.Problem;
import io.swagger.v3.oas.annotations.headers.Header;
import ore.core.http.openapi.ProblemDocs;
import ore.core.http.openapi.RateLimitedResponse;
import ore.core.http.openapi.UnauthenticatedResponse;

/** The ore nodes around the player. */
@Controller("/api/game")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("player")
@Tag(name = "nodes")
@UnauthenticatedResponse
@RateLimitedResponse
class NodeController {

    private final NodeService nodes;

    NodeController(NodeService nodes) {
        this.nodes = nodes;
    }

    @Operation(operationId = "listNodes", summary = "This hour's nodes with ore left around a point, nearest first",
            description = "radius in metres, default 500, capped at 1000 (the response says the radius served). "
                    + "The centre must be within 1000 m of your last position as location-service saw it (send location "
                    + "updates first); nodes in no-play zones are not listed. Nodes change every hour (expiresAt); "
                    + "mining a node also needs your server-side position within 40 m.")
    @ApiResponse(responseCode = "200", description = "The nodes, nearest first",
            content = @Content(schema = @Schema(implementation = GameDtos.Nodes.class)))
    @ApiResponse(responseCode = "400", description = "game.invalid_position (lat or lon missing or out of range), "
            + "game.invalid_radius, or request.invalid", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "403", description = "game.not_a_player (not a player token) or game.account_deleted", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "422", description = "game.search_too_far: the centre is more than 1000 m from your "
            + "last trusted position", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "503", description = "game.location_unavailable or server.dependency_unavailable: "
            + "retry after Retry-After",
            headers = @Header(name = ProblemDocs.RETRY_AFTER,
                    description = ProblemDocs.RETRY_AFTER_DESCRIPTION,
            schema = @Schema(type = "integer")), content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @Get("/nodes")
    GameDtos.Nodes list(Authentication authentication, @QueryValue @Nullable Double lat, @QueryValue @Nullable Double lon,
                        @QueryValue @Nullable Double radius) {
        if (lat == null || lon == null) {
            throw GameErrors.invalidPosition("lat and lon are required (degrees, WGS 84).");
        }
        var listing = nodes.near(Players.id(authentication), new GeoPoint(lat, lon), radius);
        return new GameDtos.Nodes(listing.center().lat(), listing.center().lon(), listing.radiusM(), listing.hour(),
                listing.expiresAt(), listing.nodes().stream().map(GameDtos.Node::of).toList());
    }
}
