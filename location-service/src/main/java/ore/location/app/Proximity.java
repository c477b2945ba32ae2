package ore.location.app;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import ore.location.app.port.PlayerStates;
import ore.location.domain.LocationErrors;
import ore.location.domain.fix.Fix;
import ore.location.domain.fix.Verdict;
import ore.location.domain.geo.GeoMath;
import ore.location.domain.zone.ZoneIndex;

/**
 * {@code GET /internal/location/proximity} for game-service: is the player's last trusted position
 * within a distance of a point, how old is it, and is it in a no-play zone. "Trusted" means the last
 * accepted fix (verdict TRUSTED or SUSPICIOUS; the verdict is part of the answer). A player without
 * one is {@code known: false}, which game-service treats as "too far".
 */
@Singleton
public class Proximity {

    public static final double MAX_DISTANCE_M = 100_000;

    /**
     * @param targetInNoPlayZone whether the asked point itself lies in a no-play zone
     */
    public record Answer(UUID playerId, boolean known, Double distanceM, Boolean withinDistance, Long fixAgeMs,
                         Boolean inNoPlayZone, Verdict verdict, Double accuracyM, boolean targetInNoPlayZone) {

        static Answer unknown(UUID playerId, boolean targetInZone) {
            return new Answer(playerId, false, null, null, null, null, null, null, targetInZone);
        }
    }

    private final PlayerStates states;
    private final NoPlayZones zones;
    private final Clock clock;

    public Proximity(PlayerStates states, NoPlayZones zones, Clock clock) {
        this.states = states;
        this.zones = zones;
        this.clock = clock;
    }

    /** Whether each point lies in a no-play zone, in order. */
    public java.util.List<Boolean> inNoPlayZones(double[][] points) {
        ZoneIndex zoneIndex = zones.current();
        var result = new java.util.ArrayList<Boolean>(points.length);
        for (double[] p : points) {
            if (!GeoMath.validLat(p[0]) || !GeoMath.validLon(p[1])) {
                throw LocationErrors.invalidCoordinates("lat must be in [-90, 90] and lon in [-180, 180].");
            }
            result.add(zoneIndex.contains(p[0], p[1]));
        }
        return result;
    }

    public Answer check(UUID playerId, double lat, double lon, double maxDistanceM) {
        if (!GeoMath.validLat(lat) || !GeoMath.validLon(lon)) {
            throw LocationErrors.invalidCoordinates("lat must be in [-90, 90] and lon in [-180, 180].");
        }
        if (!(maxDistanceM > 0 && maxDistanceM <= MAX_DISTANCE_M)) {
            throw LocationErrors.invalidInput("invalid_distance",
                    "maxDistanceM must be above 0 and at most " + (long) MAX_DISTANCE_M + ".");
        }
        ZoneIndex zoneIndex = zones.current();
        boolean targetInZone = zoneIndex.contains(lat, lon);
        PlayerStates.Snapshot snapshot = states.load(playerId);
        Optional<Fix> last = snapshot.erased() ? Optional.empty() : snapshot.track().lastAccepted();
        if (last.isEmpty()) {
            return Answer.unknown(playerId, targetInZone);
        }
        Fix fix = last.get();
        double distance = GeoMath.distanceM(fix.lat(), fix.lon(), lat, lon);
        return new Answer(playerId, true, Math.round(distance * 10) / 10.0, distance <= maxDistanceM,
                snapshot.track().lastAcceptedAgeMs(clock.millis()).orElseThrow(), zoneIndex.contains(fix.lat(), fix.lon()),
                snapshot.track().lastVerdict(), fix.accuracyM(), targetInZone);
    }
}
