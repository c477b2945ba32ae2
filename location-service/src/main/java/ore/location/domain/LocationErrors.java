package ore.location.domain;

import java.time.Duration;
import ore.core.error.DomainException;
import ore.core.error.ErrorCategory;

/**
 * Every error location-service answers with, by stable code. Per-fix rejections are not errors: they
 * are results with reason codes ({@code ore.location.domain.fix.Reason}).
 */
public final class LocationErrors {

    private LocationErrors() {
    }

    public static DomainException invalidInput(String code, String message) {
        return new DomainException(ErrorCategory.INVALID_INPUT, "location." + code, message);
    }

    public static DomainException invalidCoordinates(String message) {
        return invalidInput("invalid_coordinates", message);
    }

    public static DomainException invalidBatch(int size, int max) {
        return invalidInput("invalid_batch", "A batch holds 1 to " + max + " fixes; got " + size + ".");
    }

    public static DomainException radiusOutOfRange(double max) {
        return invalidInput("radius_out_of_range",
                "radius must be a number of metres above 0 and at most " + (long) max + ".");
    }

    public static DomainException invalidZone(String why) {
        return invalidInput("invalid_zone", why);
    }

    public static DomainException zoneNotFound() {
        return new DomainException(ErrorCategory.NOT_FOUND, "location.zone_not_found", "No no-play zone has this id.");
    }

    public static DomainException playerIdInvalid() {
        return new DomainException(ErrorCategory.UNAUTHENTICATED, "location.invalid_subject",
                "The token's subject is not a player id.");
    }

    public static DomainException callerNotAllowed() {
        return new DomainException(ErrorCategory.FORBIDDEN, "location.caller_not_allowed",
                "This internal endpoint answers only the services listed in ore.location.internal.callers.");
    }

    public static DomainException accountDeleted() {
        return new DomainException(ErrorCategory.FORBIDDEN, "location.account_deleted",
                "This account is being deleted; location updates are no longer accepted.");
    }

    public static DomainException positionUnknown() {
        return new DomainException(ErrorCategory.CONFLICT, "location.position_unknown",
                "No recent trusted position for you; send a location update first.");
    }

    public static DomainException searchTooFarAway(double maxOffsetM) {
        return new DomainException(ErrorCategory.UNPROCESSABLE, "location.search_too_far",
                "Nearby searches must be centred within " + (long) maxOffsetM + " m of your last trusted position.");
    }

    public static DomainException trackingUnavailable() {
        return new DomainException(ErrorCategory.UNAVAILABLE, "location.tracking_unavailable",
                "Location updates cannot be recorded right now; retry the same batch shortly.", Duration.ofSeconds(2));
    }

    public static DomainException stateUnavailable() {
        return new DomainException(ErrorCategory.UNAVAILABLE, "location.state_unavailable",
                "Player positions are unavailable right now; retry shortly.", Duration.ofSeconds(2));
    }

    public static DomainException zonesNotLoaded() {
        return new DomainException(ErrorCategory.UNAVAILABLE, "location.zones_not_loaded",
                "This instance has not loaded the no-play zones yet; retry shortly.", Duration.ofSeconds(1));
    }

    public static DomainException busy() {
        return new DomainException(ErrorCategory.UNAVAILABLE, "location.busy",
                "Another update for this player is in progress; retry the same batch.", Duration.ofSeconds(1));
    }
}
