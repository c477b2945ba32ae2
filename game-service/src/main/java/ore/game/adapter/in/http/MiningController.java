package ore.game.adapter.in.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import ore.game.app.MiningService;
import ore.game.domain.mining.IdempotencyKey;
import ore.game.domain.node.NodeId;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import ore.core.http.Problem;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import ore.core.http.openapi.ProblemDocs;
import ore.core.http.openapi.UnauthenticatedResponse;

/** Mining. */
@Controller("/api/game")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("player")
@Tag(name = "mining")
@UnauthenticatedResponse
class MiningController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";

    private final MiningService mining;
    private final PlayCounters counters;

    MiningController(MiningService mining, PlayCounters counters) {
        this.mining = mining;
        this.counters = counters;
    }

    @Operation(operationId = "mine", summary = "Mine one unit of ore from a node",
            parameters = @Parameter(name = IDEMPOTENCY_KEY, in = ParameterIn.HEADER, required = true,
                    example = "b3f1c9e2-mine-0001", description = "A fresh random value per mining attempt (8-64 "
                    + "characters of [A-Za-z0-9_-]), the same value when retrying that attempt",
                    schema = @Schema(type = "string", minLength = 8, maxLength = 64, pattern = "^[A-Za-z0-9_-]{8,64}$")),
            description = "Idempotency-Key (8-64 chars [A-Za-z0-9_-]) is required: a new random value per attempt, the "
                    + "same value when retrying it. A retry gets the first answer (header Idempotent-Replayed: true) and "
                    + "never mines twice; the key with another node is 422 game.idempotency_key_reused. Refusals: 404 "
                    + "game.node_unknown / game.node_expired, 409 game.node_depleted, 422 game.too_far / "
                    + "game.stale_position / game.in_no_play_zone, 429 game.cooldown (Retry-After), 503 "
                    + "game.location_unavailable (Retry-After).")
    @ApiResponse(responseCode = "200", description = "Mined (or, with Idempotent-Replayed: true, the stored answer to "
            + "an earlier request with this key)", content = @Content(schema = @Schema(implementation = GameDtos.Mined.class)))
    @ApiResponse(responseCode = "400", description = "game.invalid_node_id, game.idempotency_key_missing, "
            + "game.idempotency_key_invalid, or request.invalid", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "403", description = "game.player_held (mining is on hold during a cheating review), "
            + "game.account_deleted or game.not_a_player", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "game.node_unknown or game.node_expired (its hour is over: list "
            + "the nodes again)", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "game.node_depleted: no ore left", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "422", description = "game.too_far, game.stale_position, game.untrusted_position, "
            + "game.imprecise_position, game.in_no_play_zone, game.node_in_no_play_zone (send fresh location updates "
            + "and try again), or game.idempotency_key_reused (the key was used for another node)", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "429", description = "game.cooldown (you mined a moment ago) or request.rate_limited; "
            + "wait the seconds in Retry-After",
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = ProblemDocs.RETRY_AFTER,
                    description = ProblemDocs.RETRY_AFTER_DESCRIPTION,
            schema = @Schema(type = "integer")), content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "503", description = "game.location_unavailable, game.mine_in_progress (the same key "
            + "is still being handled) or server.dependency_unavailable; retry with the same key after Retry-After",
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = ProblemDocs.RETRY_AFTER,
                    description = ProblemDocs.RETRY_AFTER_DESCRIPTION,
            schema = @Schema(type = "integer")), content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @Post("/mine")
    HttpResponse<GameDtos.Mined> mine(Authentication authentication,
                                      // Required in the document (@Operation above); nullable here so that a missing
                                      // key gets the stable game.idempotency_key_missing problem.
                                      @Parameter(hidden = true) @Nullable @Header(IDEMPOTENCY_KEY) String idempotencyKey,
                                      @Body @Valid GameDtos.MineRequest body) {
        var key = IdempotencyKey.required(idempotencyKey);
        var result = mining.mine(Players.id(authentication), NodeId.parse(body.nodeId()), key);
        var response = HttpResponse.ok(GameDtos.Mined.of(result));
        if (result.replayed()) {
            response.header(REPLAYED, "true");
        } else {
            counters.mined(result.ore());
        }
        return response;
    }
}
