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

/** Reviews for admins (tokens with role {@code admin}): anti-cheat holds and settlement conflicts. */
@Controller("/api/game/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("admin")
@Tag(name = "admin")
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

    @Operation(summary = "Players held for suspected cheating, oldest first", description = "limit 1-200 (default 50)")
    @Get("/holds")
    Holds activeHolds(@QueryValue @Nullable Integer limit) {
        return new Holds(holds.active(limit == null ? 50 : limit).stream().map(GameDtos.HoldView::of).toList());
    }

    @Operation(summary = "Every hold of one player, newest first")
    @Get("/holds/{playerId}")
    Holds holdsOf(@PathVariable UUID playerId) {
        return new Holds(holds.ofPlayer(playerId).stream().map(GameDtos.HoldView::of).toList());
    }

    @Operation(summary = "Release a player's hold after review", description = "404 game.hold_not_found when not held.")
    @Post("/holds/{playerId}/release")
    HttpResponse<?> release(Authentication admin, @PathVariable UUID playerId, @Body @Nullable Review review) {
        holds.release(playerId, admin.getName(), review == null ? null : review.cleanNote());
        return HttpResponse.noContent();
    }

    @Operation(summary = "Settlements that contradicted a claim's final status (e.g. PAID after FAILED), unresolved",
            description = "limit 1-100 (default 50). Reconcile each (the ore was refunded and the tokens paid), then resolve it.")
    @Get("/settlement-conflicts")
    Conflicts openConflicts(@QueryValue @Nullable Integer limit) {
        return new Conflicts(rewards.openConflicts(limit == null ? 50 : limit).stream()
                .map(GameDtos.ConflictView::of).toList());
    }

    @Operation(summary = "Mark a settlement conflict reconciled", description = "404 game.conflict_not_found when not open.")
    @Post("/settlement-conflicts/{id}/resolve")
    HttpResponse<?> resolve(Authentication admin, @PathVariable UUID id, @Body @Nullable Review review) {
        rewards.resolveConflict(id, admin.getName(), review == null ? null : review.cleanNote());
        return HttpResponse.noContent();
    }
}
