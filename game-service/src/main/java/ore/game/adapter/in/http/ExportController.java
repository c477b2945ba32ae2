package ore.game.adapter.in.http;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import ore.game.app.PrivacyService;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import ore.core.http.Problem;
import ore.core.http.openapi.RateLimitedResponse;
import ore.core.http.openapi.UnauthenticatedResponse;

/** The player's own data (GDPR Art. 15 and 20). */
@Controller("/api/game/me")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("player")
@Tag(name = "privacy")
@UnauthenticatedResponse
@RateLimitedResponse
class ExportController {

    private final PrivacyService privacy;

    ExportController(PrivacyService privacy) {
        this.privacy = privacy;
    }

    @Operation(operationId = "exportGameData", summary = "Everything game-service holds about you",
            description = "Balances, when you last mined, anti-cheat holds (active and past, with their reasons) and "
                    + "every reward claim.")
    @ApiResponse(responseCode = "200", description = "The export",
            content = @Content(schema = @Schema(implementation = GameDtos.Export.class)))
    @ApiResponse(responseCode = "403", description = "game.not_a_player (not a player token)", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @Get("/export")
    GameDtos.Export export(Authentication authentication) {
        var e = privacy.export(Players.id(authentication));
        return new GameDtos.Export(e.playerId(), e.inventory().entrySet().stream()
                .map(x -> new GameDtos.Holding(x.getKey().code(), x.getValue())).toList(), e.lastMinedAt(), e.held(),
                e.holds().stream().map(GameDtos.HoldView::of).toList(),
                e.rewards().stream().map(GameDtos.RewardView::of).toList());
    }
}
