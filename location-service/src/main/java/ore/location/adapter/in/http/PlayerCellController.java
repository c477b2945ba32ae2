package ore.location.adapter.in.http;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import ore.core.error.DomainException;
import ore.core.error.ErrorCategory;
import ore.location.app.port.PlayerStates;
import ore.location.domain.fix.Fix;
import ore.location.domain.fix.Verdict;
import ore.location.domain.geo.HexGrid;

/**
 * For realtime-engine (and game-service): the H3 resolution-9 cell of the player's last trusted fix,
 * which decides which {@code cell:<h3>} channels the player may subscribe to. Only a fix whose verdict
 * was TRUSTED counts; after a SUSPICIOUS one the answer is {@code known: false} until the next trusted
 * fix, so a spoofed position never opens another area's channels. Service token with
 * {@code aud: location}; only the services named in {@link #CALLERS} may ask.
 */
// Service-to-service only: kept out of the public OpenAPI document (docs/contracts.md describes it).
@Hidden
@Controller("/internal/location/players")
@Secured("service")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "internal")
class PlayerCellController {

    /** Resolution of the realtime cell channels. */
    static final int RESOLUTION = 9;
    static final Set<String> CALLERS = Set.of("realtime", "game");

    @Serdeable
    record PlayerCell(UUID playerId, boolean known, String cell, Long fixAgeMs) {
    }

    private final PlayerStates states;
    private final HexGrid grid;
    private final Clock clock;

    PlayerCellController(PlayerStates states, HexGrid grid, Clock clock) {
        this.states = states;
        this.grid = grid;
        this.clock = clock;
    }

    @Operation(operationId = "getPlayerCell", summary = "The H3 res-9 cell of the player's last TRUSTED fix",
            description = "known:false (no cell) when the player has no fix or the last accepted one was not TRUSTED.")
    @Get("/{playerId}/cell")
    PlayerCell cell(@PathVariable UUID playerId, Authentication caller) {
        if (!CALLERS.contains(caller.getName())) {
            throw new DomainException(ErrorCategory.FORBIDDEN, "location.caller_not_allowed",
                    "Only realtime-engine and game-service may read player cells.");
        }
        PlayerStates.Snapshot snapshot = states.load(playerId);
        if (snapshot.erased() || snapshot.track().lastVerdict() != Verdict.TRUSTED
                || snapshot.track().lastAccepted().isEmpty()) {
            return new PlayerCell(playerId, false, null, null);
        }
        Fix fix = snapshot.track().lastAccepted().get();
        return new PlayerCell(playerId, true, grid.address(grid.cell(fix.lat(), fix.lon(), RESOLUTION)),
                Math.max(0, clock.millis() - fix.tsMillis()));
    }
}
