package ore.game.adapter.in.http;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import ore.game.app.LeaderboardService;
import ore.game.domain.leaderboard.Period;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import ore.core.http.Problem;
import ore.core.http.openapi.RateLimitedResponse;
import ore.core.http.openapi.UnauthenticatedResponse;

/** Ore mined per player: today (UTC), this ISO week, ever. Players appear by id only. */
@Controller("/api/game/leaderboard")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("player")
@Tag(name = "leaderboard")
@UnauthenticatedResponse
@RateLimitedResponse
class LeaderboardController {

    private final LeaderboardService boards;

    LeaderboardController(LeaderboardService boards) {
        this.boards = boards;
    }

    @Operation(operationId = "getLeaderboardTop", summary = "The top of a board", description = "period daily | weekly | all (default daily); limit 1-100 (default 10).")
    @ApiResponse(responseCode = "200", description = "The top of the board",
            content = @Content(schema = @Schema(implementation = GameDtos.Board.class)))
    @ApiResponse(responseCode = "400", description = "game.invalid_period, game.invalid_limit, or request.invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @Get
    GameDtos.Board top(@QueryValue(defaultValue = "daily") String period, @QueryValue(defaultValue = "10") int limit) {
        Period p = Period.parse(period);
        return new GameDtos.Board(p.code(), boards.top(p, limit).stream().map(GameDtos.Place::of).toList());
    }

    @Operation(operationId = "getLeaderboardPlace", summary = "Your place on a board and the players around you",
            description = "around 0-25 (default 5) places above and below; me is absent when you have not mined in the period.")
    @ApiResponse(responseCode = "200", description = "Your place and the players around it",
            content = @Content(schema = @Schema(implementation = GameDtos.BoardAroundMe.class)))
    @ApiResponse(responseCode = "400", description = "game.invalid_period, game.invalid_around, or request.invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "403", description = "game.not_a_player (not a player token)", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @Get("/me")
    GameDtos.BoardAroundMe me(Authentication authentication, @QueryValue(defaultValue = "daily") String period,
                              @QueryValue(defaultValue = "5") int around) {
        Period p = Period.parse(period);
        var result = boards.aroundMe(p, Players.id(authentication), around);
        return new GameDtos.BoardAroundMe(p.code(), result.me().map(GameDtos.Place::of).orElse(null),
                result.around().stream().map(GameDtos.Place::of).toList());
    }
}
