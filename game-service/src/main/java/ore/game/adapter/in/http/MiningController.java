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

/** Mining. */
@Controller("/api/game")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("player")
@Tag(name = "mining")
class MiningController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";

    private final MiningService mining;

    MiningController(MiningService mining) {
        this.mining = mining;
    }

    @Operation(summary = "Mine one unit of ore from a node",
            description = "Idempotency-Key (8-64 chars [A-Za-z0-9_-]) is required: a new random value per attempt, the "
                    + "same value when retrying it. A retry gets the first answer (header Idempotent-Replayed: true) and "
                    + "never mines twice; the key with another node is 422 game.idempotency_key_reused. Refusals: 404 "
                    + "game.node_unknown / game.node_expired, 409 game.node_depleted, 422 game.too_far / "
                    + "game.stale_position / game.in_no_play_zone, 429 game.cooldown (Retry-After), 503 "
                    + "game.location_unavailable (Retry-After).")
    @Post("/mine")
    HttpResponse<GameDtos.Mined> mine(Authentication authentication,
                                      @Nullable @Header(IDEMPOTENCY_KEY) String idempotencyKey,
                                      @Body @Valid GameDtos.MineRequest body) {
        var key = IdempotencyKey.required(idempotencyKey);
        var result = mining.mine(Players.id(authentication), NodeId.parse(body.nodeId()), key);
        var response = HttpResponse.ok(GameDtos.Mined.of(result));
        if (result.replayed()) {
            response.header(REPLAYED, "true");
        }
        return response;
    }
}
