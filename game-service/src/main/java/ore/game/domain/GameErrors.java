package ore.game.domain;

import java.time.Duration;
import ore.core.error.DomainException;
import ore.core.error.ErrorCategory;

/**
 * Every error game-service answers with, by stable code. A client switches on the code; the message
 * is for the developer reading the response. The README lists them with their HTTP status.
 */
public final class GameErrors {

    private GameErrors() {
    }

    // Input the client can fix (400).

    public static DomainException invalidPosition(String why) {
        return new DomainException(ErrorCategory.INVALID_INPUT, "game.invalid_position", why);
    }

    public static DomainException invalidNodeId() {
        return new DomainException(ErrorCategory.INVALID_INPUT, "game.invalid_node_id",
                "nodeId must be '<H3 cell, 15 hex digits>:<epoch hour>' as listed by GET /api/game/nodes.");
    }

    public static DomainException idempotencyKeyMissing() {
        return new DomainException(ErrorCategory.INVALID_INPUT, "game.idempotency_key_missing",
                "The Idempotency-Key header is required: a fresh random value per mining attempt, reused only for retries.");
    }

    public static DomainException idempotencyKeyInvalid() {
        return new DomainException(ErrorCategory.INVALID_INPUT, "game.idempotency_key_invalid",
                "The Idempotency-Key header must be 8 to 64 characters from A-Z, a-z, 0-9, '_' and '-'.");
    }

    public static DomainException unknownOre(String ore) {
        return new DomainException(ErrorCategory.INVALID_INPUT, "game.unknown_ore",
                "Unknown ore type '" + shorten(ore) + "'; one of copper, iron, silver, gold, mythril.");
    }

    public static DomainException invalidAmount(String why) {
        return new DomainException(ErrorCategory.INVALID_INPUT, "game.invalid_amount", why);
    }

    public static DomainException invalidParameter(String code, String why) {
        return new DomainException(ErrorCategory.INVALID_INPUT, "game." + code, why);
    }

    // Mining refusals.

    public static DomainException nodeUnknown() {
        return new DomainException(ErrorCategory.NOT_FOUND, "game.node_unknown",
                "There is no ore node with this id (it never spawned, or its hour has not begun).");
    }

    public static DomainException nodeExpired() {
        return new DomainException(ErrorCategory.NOT_FOUND, "game.node_expired",
                "This node's hour is over; list the nodes again.");
    }

    public static DomainException nodeDepleted() {
        return new DomainException(ErrorCategory.CONFLICT, "game.node_depleted", "This node has no ore left.");
    }

    public static DomainException tooFar(boolean positionKnown) {
        return new DomainException(ErrorCategory.UNPROCESSABLE, "game.too_far", positionKnown
                ? "You are too far from this node; get within 40 m of it."
                : "The server has no trusted position for you yet; send location updates and come within 40 m.");
    }

    public static DomainException stalePosition() {
        return new DomainException(ErrorCategory.UNPROCESSABLE, "game.stale_position",
                "Your last trusted position is too old; send a fresh location update and try again.");
    }

    public static DomainException inNoPlayZone() {
        return new DomainException(ErrorCategory.UNPROCESSABLE, "game.in_no_play_zone",
                "You are in a no-play zone; mining is not possible here.");
    }

    public static DomainException nodeInNoPlayZone() {
        return new DomainException(ErrorCategory.UNPROCESSABLE, "game.node_in_no_play_zone",
                "This node lies in a no-play zone and cannot be mined.");
    }

    public static DomainException untrustedPosition() {
        return new DomainException(ErrorCategory.UNPROCESSABLE, "game.untrusted_position",
                "Your last position did not pass the anti-cheat checks as trusted; keep location updates coming "
                        + "from your device's GPS and try again.");
    }

    public static DomainException imprecisePosition(double maxAccuracyM) {
        return new DomainException(ErrorCategory.UNPROCESSABLE, "game.imprecise_position",
                "Your last position is too imprecise for mining (accuracy must be " + Math.round(maxAccuracyM)
                        + " m or better); wait for a GPS fix outdoors and try again.");
    }

    public static DomainException searchTooFar(double maxOffsetM) {
        return new DomainException(ErrorCategory.UNPROCESSABLE, "game.search_too_far",
                "Nodes can only be listed around your own trusted position: the search centre must be within "
                        + Math.round(maxOffsetM) + " m of it. Send location updates and search where you are.");
    }

    public static DomainException playerHeld() {
        return new DomainException(ErrorCategory.FORBIDDEN, "game.player_held",
                "Mining and reward claims are on hold while suspected cheating on this account is reviewed; "
                        + "contact support.");
    }

    public static DomainException holdNotFound() {
        return new DomainException(ErrorCategory.NOT_FOUND, "game.hold_not_found",
                "This player has no active hold.");
    }

    public static DomainException mineInProgress() {
        return new DomainException(ErrorCategory.UNAVAILABLE, "game.mine_in_progress",
                "A request with this Idempotency-Key is still being handled; retry it in a moment.", Duration.ofSeconds(1));
    }

    public static DomainException conflictNotFound() {
        return new DomainException(ErrorCategory.NOT_FOUND, "game.conflict_not_found",
                "There is no open settlement conflict with this id.");
    }

    public static DomainException cooldown(Duration left) {
        return new DomainException(ErrorCategory.RATE_LIMITED, "game.cooldown",
                "You mined a moment ago; wait for the cooldown (see Retry-After).", left);
    }

    public static DomainException locationUnavailable(Duration retryAfter) {
        return new DomainException(ErrorCategory.UNAVAILABLE, "game.location_unavailable",
                "Your position cannot be checked right now, so mining is paused; retry shortly.", retryAfter);
    }

    public static DomainException idempotencyKeyReused() {
        return new DomainException(ErrorCategory.UNPROCESSABLE, "game.idempotency_key_reused",
                "This Idempotency-Key was already used for a different request; use a new key per attempt.");
    }

    // Rewards.

    public static DomainException walletRequired() {
        return new DomainException(ErrorCategory.CONFLICT, "game.wallet_required",
                "Link a wallet first (POST /api/auth/siwe/verify) and use the access token it returns.");
    }

    public static DomainException insufficientOre() {
        return new DomainException(ErrorCategory.CONFLICT, "game.insufficient_ore",
                "You do not have that much of this ore.");
    }

    public static DomainException oreNotClaimable(String ore) {
        return new DomainException(ErrorCategory.UNPROCESSABLE, "game.ore_not_claimable",
                "Ore '" + ore + "' cannot be converted into tokens at the moment.");
    }

    // The player.

    public static DomainException accountDeleted() {
        return new DomainException(ErrorCategory.FORBIDDEN, "game.account_deleted",
                "This account has been deleted.");
    }

    public static DomainException notAPlayer() {
        return new DomainException(ErrorCategory.FORBIDDEN, "game.not_a_player",
                "Only player tokens can use the game API.");
    }

    public static DomainException dependencyUnavailable() {
        return new DomainException(ErrorCategory.UNAVAILABLE, "server.dependency_unavailable",
                "A dependency of the service is unavailable; retry shortly.", Duration.ofSeconds(2));
    }

    private static String shorten(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() > 20 ? s.substring(0, 20) + "…" : s;
    }
}
