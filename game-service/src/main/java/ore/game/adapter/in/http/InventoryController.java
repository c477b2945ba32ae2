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
import java.util.UUID;
import ore.game.app.InventoryService;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import ore.core.http.Problem;
import ore.core.http.openapi.RateLimitedResponse;
import ore.core.http.openapi.UnauthenticatedResponse;

/** The player's ore and its history. */
@Controller("/api/game")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("player")
@Tag(name = "inventory")
@UnauthenticatedResponse
@RateLimitedResponse
class InventoryController {

    private final InventoryService inventory;

    InventoryController(InventoryService inventory) {
        this.inventory = inventory;
    }

    @Operation(operationId = "getInventory", summary = "Ore balances, every ore type (zero included)")
    @ApiResponse(responseCode = "200", description = "Every ore type with its balance",
            content = @Content(schema = @Schema(implementation = GameDtos.Inventory.class)))
    @ApiResponse(responseCode = "403", description = "game.not_a_player (not a player token)", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @Get("/inventory")
    GameDtos.Inventory inventory(Authentication authentication) {
        UUID player = Players.id(authentication);
        var items = inventory.inventory(player).entrySet().stream()
                .map(e -> new GameDtos.Holding(e.getKey().code(), e.getValue())).toList();
        return new GameDtos.Inventory(player, items);
    }

    @Operation(operationId = "getLedger", summary = "The ledger lines behind the balances, newest first",
            description = "limit 1-100 (default 20); pass nextCursor as cursor for the next page.")
    @ApiResponse(responseCode = "200", description = "A page of ledger lines",
            content = @Content(schema = @Schema(implementation = GameDtos.LedgerPage.class)))
    @ApiResponse(responseCode = "400", description = "game.invalid_limit, game.invalid_cursor (not a nextCursor "
            + "value), or request.invalid", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "403", description = "game.not_a_player (not a player token)", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @Get("/ledger")
    GameDtos.LedgerPage ledger(Authentication authentication, @QueryValue(defaultValue = "20") int limit,
                               @QueryValue @Nullable String cursor) {
        var page = inventory.history(Players.id(authentication), Players.cursor(cursor), limit);
        return new GameDtos.LedgerPage(page.lines().stream().map(GameDtos.LedgerLine::of).toList(),
                page.nextCursor().map(UUID::toString).orElse(null));
    }
}
