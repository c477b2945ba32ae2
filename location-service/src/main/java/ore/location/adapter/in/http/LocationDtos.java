package ore.location.adapter.in.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ore.location.app.LocationUpdates;
import ore.location.app.NearbyPlayers;
import ore.location.app.Proximity;
import ore.location.domain.fix.Fix;
import ore.location.domain.zone.NoPlayZone;
import ore.location.domain.zone.ZoneGeometry;

/**
 * Request and response bodies of the location API. Values are range-checked per fix by the anti-cheat
 * checks (a bad fix is rejected with a reason code, the rest of the batch still counts); only a body
 * that is not the expected shape is a 400.
 */
final class LocationDtos {

    private LocationDtos() {
    }

    @Serdeable
    @Schema(description = "One GPS fix")
    record FixIn(
            @Schema(description = "latitude, degrees [-90, 90]", example = "37.5665",
                    requiredMode = Schema.RequiredMode.REQUIRED) @NotNull Double lat,
            @Schema(description = "longitude, degrees [-180, 180]", example = "126.978",
                    requiredMode = Schema.RequiredMode.REQUIRED) @NotNull Double lon,
            @Schema(description = "horizontal accuracy radius, metres (0, 10000]", example = "8.5",
                    requiredMode = Schema.RequiredMode.REQUIRED) @NotNull Double accuracy,
            @Schema(description = "when the device measured it, Unix epoch milliseconds", example = "1767225600000",
                    requiredMode = Schema.RequiredMode.REQUIRED) @NotNull Long ts,
            @Schema(description = "speed reported by the device, m/s", nullable = true) @Nullable Double speed,
            @Schema(description = "course over ground, degrees [0, 360)", nullable = true) @Nullable Double heading) {

        Fix toFix() {
            return new Fix(lat, lon, accuracy, ts, speed == null ? Double.NaN : speed, heading == null ? Double.NaN : heading);
        }

        @Override
        public String toString() {
            return "FixIn[ts=" + ts + "]";
        }
    }

    @Serdeable
    record UpdateRequest(@Schema(description = "1 to 50 fixes, oldest first",
            requiredMode = Schema.RequiredMode.REQUIRED) @NotNull List<@NotNull @Valid FixIn> fixes) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record FixResult(int index, long ts, boolean accepted,
                     @Schema(description = "TRUSTED, SUSPICIOUS or REJECTED",
                             requiredMode = Schema.RequiredMode.REQUIRED) String verdict,
                     @Schema(description = "reason codes, e.g. teleport, stale, duplicate, no_play_zone",
                             requiredMode = Schema.RequiredMode.REQUIRED) List<String> reasons,
                     boolean inNoPlayZone) {
    }

    @Serdeable
    record UpdateResponse(int accepted, int rejected, List<FixResult> results) {

        static UpdateResponse of(LocationUpdates.Result result) {
            var results = new java.util.ArrayList<FixResult>(result.outcomes().size());
            int accepted = 0;
            for (int i = 0; i < result.outcomes().size(); i++) {
                var o = result.outcomes().get(i);
                accepted += o.accepted() ? 1 : 0;
                results.add(new FixResult(i, o.fix().tsMillis(), o.accepted(), o.judgement().verdict().name(),
                        o.judgement().codes(), o.inNoPlayZone()));
            }
            return new UpdateResponse(accepted, results.size() - accepted, results);
        }
    }

    @Serdeable
    record SharingRequest(@Schema(description = "show me to nearby players", type = "boolean",
            requiredMode = Schema.RequiredMode.REQUIRED) @NotNull Object nearby) {

        /** Strictly a JSON boolean: a lenient reading would turn a typo like "ture" into a silent false. */
        boolean value() {
            if (nearby instanceof Boolean b) {
                return b;
            }
            throw ore.location.domain.LocationErrors.invalidInput("invalid_sharing", "nearby must be true or false.");
        }
    }

    @Serdeable
    record SharingResponse(boolean nearby) {
    }

    @Serdeable
    record NearbyPlayer(UUID playerId, double lat, double lon, long distanceM) {

        static NearbyPlayer of(NearbyPlayers.NearbyPlayer p) {
            return new NearbyPlayer(p.playerId(), p.lat(), p.lon(), p.distanceM());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record NearbyResponse(double radiusM, @Schema(description = "decimals of the coordinates returned",
            requiredMode = Schema.RequiredMode.REQUIRED) int precisionDecimals,
                          List<NearbyPlayer> players) {
    }

    @Serdeable
    record ZoneRequest(@Schema(example = "Seoul City Hall",
            requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank @Size(max = 120) String name,
                       @Schema(description = "GeoJSON Polygon or MultiPolygon ([lon, lat] positions)",
                               requiredMode = Schema.RequiredMode.REQUIRED) @NotNull Map<String, Object> geometry) {
    }

    @Serdeable
    record Zone(UUID id, String name, Map<String, Object> geometry, double areaM2, Instant createdAt, String createdBy) {

        static Zone of(NoPlayZone z) {
            return new Zone(z.id(), z.name(), ZoneGeometry.toGeoJson(z.geometry()), Math.round(z.areaM2() * 10) / 10.0,
                    z.createdAt(), z.createdBy());
        }
    }

    @Serdeable
    record ProximityResponse(UUID playerId, boolean known, @Nullable Double distanceM, @Nullable Boolean withinDistance,
                             @Nullable Long fixAgeMs, @Nullable Boolean inNoPlayZone,
                             @Schema(description = "verdict of the last accepted fix: TRUSTED or SUSPICIOUS") @Nullable String verdict,
                             @Nullable Double accuracyM, boolean targetInNoPlayZone) {

        static ProximityResponse of(Proximity.Answer a) {
            return new ProximityResponse(a.playerId(), a.known(), a.distanceM(), a.withinDistance(), a.fixAgeMs(),
                    a.inNoPlayZone(), a.verdict() == null ? null : a.verdict().name(), a.accuracyM(),
                    a.targetInNoPlayZone());
        }
    }
}
