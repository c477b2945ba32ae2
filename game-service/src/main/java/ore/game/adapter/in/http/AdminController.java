package ore.game.adapter.in.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import ore.game.app.HoldService;
import ore.game.app.RewardService;
import ore.game.domain.GameErrors;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import ore.core.http.Problem;
import ore.core.http.openapi.ForbiddenResponse;
import ore.core.http.openapi.RateLimitedResponse;
import ore.core.http.openapi.UnauthenticatedResponse;

/** Reviews for admins (tokens with role {@code admin}): anti-cheat holds and settlement conflicts. */
@Controller("/api/game/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("admin")
@Tag(name = "admin")
@UnauthenticatedResponse
@ForbiddenResponse
@RateLimitedResponse
class AdminController {

    @Serdeable
    record Review(@Nullable String note) {

        String cleanNote() {
            String n = note == null ? "" : note.strip();
            if (n.length() > 500 || n.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
                throw GameErrors.invalidParameter("invalid_note", "note must be at most 500 printable characters.");
            }
            return n.isEmpty() ? null : n;
        }
    }

    @Serdeable
    record Holds(List<GameDtos.HoldView> holds) {
    }

    @Serdeable
    record Conflicts(List<GameDtos.ConflictView> conflicts) {
    }

    private final HoldService holds;
    private final RewardService rewards;

    AdminController(HoldService holds, RewardService rewards) {
        this.holds = holds;
        this.rewards = rewards;
    }

    @Operation(operationId = "listActiveHolds", summary = "Players held for suspected cheating, oldest first", description = "limit 1-200 (default 50)")
    @ApiResponse(responseCode = "200", description = "The active holds")
    @ApiResponse(responseCode = "400", description = "game.invalid_limit, or request.invalid", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @Get("/holds")
    Holds activeHolds(@QueryValue @Nullable Integer limit) {
        return new Holds(holds.active(limit == null ? 50 : limit).stream().map(GameDtos.HoldView::of).toList());
    }

    @Operation(operationId = "listPlayerHolds", summary = "Every hold of one player, newest first")
    @ApiResponse(responseCode = "200", description = "The player's holds")
    @ApiResponse(responseCode = "400", description = "request.invalid: playerId is not a UUID", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @Get("/holds/{playerId}")
    Holds holdsOf(@PathVariable UUID playerId) {
        return new Holds(holds.ofPlayer(playerId).stream().map(GameDtos.HoldView::of).toList());
    }

    @Operation(operationId = "releaseHold", summary = "Release a player's hold after review", description = "404 game.hold_not_found when not held.")
    @ApiResponse(responseCode = "204", description = "Released")
    @ApiResponse(responseCode = "400", description = "game.invalid_note (more than 500 characters or control "
            + "characters), or request.invalid", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "game.hold_not_found: the player is not held", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @Post("/holds/{playerId}/release")
    HttpResponse<?> release(Authentication admin, @PathVariable UUID playerId, @Body @Nullable Review review) {
        holds.release(playerId, admin.getName(), review == null ? null : review.cleanNote());
        return HttpResponse.noContent();
    }

    @Operation(operationId = "listOpenConflicts", summary = "Settlements that contradicted a claim's final status (e.g. PAID after FAILED), unresolved",
            description = "limit 1-100 (default 50). Reconcile each (the ore was refunded and the tokens paid), then resolve it.")
    @ApiResponse(responseCode = "200", description = "The open conflicts")
    @ApiResponse(responseCode = "400", description = "game.invalid_limit, or request.invalid", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @Get("/settlement-conflicts")
    Conflicts openConflicts(@QueryValue @Nullable Integer limit) {
        return new Conflicts(rewards.openConflicts(limit == null ? 50 : limit).stream()
                .map(GameDtos.ConflictView::of).toList());
    }

    @Operation(operationId = "resolveConflict", summary = "Mark a settlement conflict reconciled", description = "404 game.conflict_not_found when not open.")
    @ApiResponse(responseCode = "204", description = "Resolved")
    @ApiResponse(responseCode = "400", description = "game.invalid_note, or request.invalid", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "game.conflict_not_found: no open conflict with this id", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @Post("/settlement-conflicts/{id}/resolve")
    HttpResponse<?> resolve(Authentication admin, @PathVariable UUID id, @Body @Nullable Review review) {
        rewards.resolveConflict(id, admin.getName(), review == null ? null : review.cleanNote());
        return HttpResponse.noContent();
    }
}
