package ore.location.app;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Payload of {@code LocationTracked} on {@code ore.location.tracked} (key: player id): one judged fix
 * with its anti-cheat verdict. Fixes refused before judging (invalid, stale, future, duplicate,
 * out of order) are not published. Consumers wanting positions use the ones with {@code accepted}
 * true (verdict TRUSTED or SUSPICIOUS); REJECTED ones are kept for anti-cheat review.
 *
 * @param ts           when the device measured the fix, epoch milliseconds (with the player id, the
 *                     identity consumers deduplicate on: a retried batch may publish a fix twice)
 * @param lat          exact coordinates: this topic is internal, never expose them
 * @param reasons      reason codes ({@code teleport}, {@code no_play_zone}, ...)
 * @param modelScore   the model's cheat probability, null when the model did not answer
 * @param cell         H3 resolution-9 cell of the fix
 * @param receivedAt   when location-service received the batch
 */
public record LocationTracked(UUID playerId, long ts, double lat, double lon, double accuracyM,
                              @Nullable Double speedMps, @Nullable Double headingDeg, String verdict,
                              boolean accepted, List<String> reasons, @Nullable Double modelScore,
                              @Nullable String modelVersion, boolean inNoPlayZone, String cell, Instant receivedAt) {

    public LocationTracked {
        // Serializers may leave an empty list out; an absent list means no reasons.
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    @Override
    public String toString() {
        return "LocationTracked[" + playerId + ", ts=" + ts + ", " + verdict + "]";
    }
}
