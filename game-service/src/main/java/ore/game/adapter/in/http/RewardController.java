package ore.game.adapter.in.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.OptionalLong;
import ore.game.app.RewardService;
import ore.game.domain.GameErrors;
import ore.game.domain.mining.IdempotencyKey;
import ore.game.domain.node.OreType;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import ore.core.http.Problem;
import io.swagger.v3.oas.annotations.Parameter;
import ore.core.http.openapi.RateLimitedResponse;
import ore.core.http.openapi.UnauthenticatedResponse;

/** Converting ore into ORE tokens. */
@Controller("/api/game/rewards")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("player")
@Tag(name = "rewards")
@UnauthenticatedResponse
@RateLimitedResponse
class RewardController {

    private final RewardService rewards;
    private final PlayCounters counters;

    RewardController(RewardService rewards, PlayCounters counters) {
        this.rewards = rewards;
        this.counters = counters;
    }

    @Operation(operationId = "claimReward", summary = "Claim tokens for ore",
            description = "Moves the ore into escrow and asks chain-gateway to pay amount × rate tokens to the wallet of "
                    + "your token (wallet claim; 409 game.wallet_required without one). 202 with the claim in status "
                    + "requested; follow it with GET /api/game/rewards. 409 game.insufficient_ore. With an optional "
                    + "Idempotency-Key a retry returns the first claim (200).")
    @ApiResponse(responseCode = "202", description = "The claim, in status requested; follow it with GET "
            + "/api/game/rewards", content = @Content(schema = @Schema(implementation = GameDtos.RewardView.class)))
    @ApiResponse(responseCode = "200", description = "A retry with the same Idempotency-Key: the first claim "
            + "(Idempotent-Replayed: true)", content = @Content(schema = @Schema(implementation = GameDtos.RewardView.class)))
    @ApiResponse(responseCode = "400", description = "game.unknown_ore, game.invalid_amount, "
            + "game.idempotency_key_invalid, or request.invalid", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "403", description = "game.player_held (claims are on hold during a cheating review), "
            + "game.account_deleted or game.not_a_player", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "game.wallet_required (link a wallet and use the access token it "
            + "returns) or game.insufficient_ore", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "422", description = "game.ore_not_claimable, or game.idempotency_key_reused (the key "
            + "was used for another claim)", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @Post("/claim")
    HttpResponse<GameDtos.RewardView> claim(Authentication authentication,
                                            @Parameter(example = "b3f1c9e2-claim-0001", description = "Optional: a "
                                                    + "fresh random value per claim (8-64 characters of "
                                                    + "[A-Za-z0-9_-]); a retry with the same value returns the first "
                                                    + "claim")
                                            @Nullable @Header(MiningController.IDEMPOTENCY_KEY) String idempotencyKey,
                                            @Body @Valid GameDtos.ClaimRequest body) {
        OreType ore = OreType.byCode(body.ore()).orElseThrow(() -> GameErrors.unknownOre(body.ore()));
        var claim = new RewardService.Claim(ore, body.amount() == null ? OptionalLong.empty() : OptionalLong.of(body.amount()));
        var outcome = rewards.claim(Players.id(authentication), Players.wallet(authentication), claim,
                IdempotencyKey.optional(idempotencyKey));
        var view = GameDtos.RewardView.of(outcome.reward());
        if (outcome.created()) {
            counters.claimed(outcome.reward().ore());
        }
        return outcome.created() ? HttpResponse.status(HttpStatus.ACCEPTED).body(view)
                : HttpResponse.ok(view).header(MiningController.REPLAYED, "true");
    }

    @Operation(operationId = "listRewards", summary = "Your claims, newest first, with status and tx hash",
            description = "limit 1-100 (default 20); pass nextCursor as cursor for the next page.")
    @ApiResponse(responseCode = "200", description = "A page of your claims",
            content = @Content(schema = @Schema(implementation = GameDtos.Rewards.class)))
    @ApiResponse(responseCode = "400", description = "game.invalid_limit, game.invalid_cursor, or request.invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "403", description = "game.not_a_player (not a player token)", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @Get
    GameDtos.Rewards list(Authentication authentication, @QueryValue(defaultValue = "20") int limit,
                          @QueryValue @Nullable String cursor) {
        var page = rewards.rewardsOf(Players.id(authentication), Players.cursor(cursor), limit);
        return new GameDtos.Rewards(page.rewards().stream().map(GameDtos.RewardView::of).toList(),
                page.nextCursor().map(java.util.UUID::toString).orElse(null));
    }
}
