package ore.location.app;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import ore.location.app.port.PlayerStates;
import ore.location.app.port.Presence;
import ore.location.domain.LocationErrors;
import ore.location.domain.fix.Fix;
import ore.location.domain.geo.GeoMath;
import ore.location.domain.geo.HexGrid;
import ore.location.domain.zone.ZoneIndex;

/**
 * {@code GET /api/location/nearby}: opted-in players around a point, with coarsened coordinates.
 *
 * <p>Privacy rules:
 * <ul>
 *   <li>only players who opted in and were seen within the presence TTL are listed; positions in
 *       no-play zones never are;</li>
 *   <li>coordinates are rounded to {@code precisionDecimals}, and the radius filter is applied to
 *       the <i>rounded</i> coordinates, so probing with small radii or shifted centres cannot locate
 *       a player more precisely than the rounding;</li>
 *   <li>the search must be centred near the caller's own last trusted position
 *       ({@code maxCenterOffsetM}; 0 turns the check off), so nobody can scan the map from home.</li>
 * </ul>
 */
@Singleton
public class NearbyPlayers {

    /**
     * @param maxRadiusM        larger radii are refused (400)
     * @param precisionDecimals decimals of the coordinates returned
     * @param presenceTtl       how long after their last fix players stay visible
     * @param maxCenterOffsetM  how far from the caller's last trusted position a search may be centred
     */
    public record Settings(double maxRadiusM, int precisionDecimals, int presenceResolution, int maxResults,
                           Duration presenceTtl, double maxCenterOffsetM) {
    }

    public record NearbyPlayer(UUID playerId, double lat, double lon, long distanceM) {
    }

    private final PlayerStates states;
    private final Presence presence;
    private final NoPlayZones zones;
    private final HexGrid grid;
    private final Settings settings;
    private final Clock clock;

    public NearbyPlayers(PlayerStates states, Presence presence, NoPlayZones zones, HexGrid grid, Settings settings,
                         Clock clock) {
        this.states = states;
        this.presence = presence;
        this.zones = zones;
        this.grid = grid;
        this.settings = settings;
        this.clock = clock;
    }

    public List<NearbyPlayer> around(UUID caller, double lat, double lon, double radiusM) {
        if (!GeoMath.validLat(lat) || !GeoMath.validLon(lon)) {
            throw LocationErrors.invalidCoordinates("lat must be in [-90, 90] and lon in [-180, 180].");
        }
        if (!(radiusM > 0 && radiusM <= settings.maxRadiusM())) {
            throw LocationErrors.radiusOutOfRange(settings.maxRadiusM());
        }
        Instant now = clock.instant();
        if (settings.maxCenterOffsetM() > 0) {
            requireNearCaller(caller, lat, lon, now);
        }
        int decimals = settings.precisionDecimals();
        double searchRadius = radiusM + GeoMath.roundingErrorM(decimals);
        List<Long> cells = grid.coverCircle(lat, lon, searchRadius, settings.presenceResolution());
        ZoneIndex zoneIndex = zones.current();
        var seen = new HashSet<UUID>();
        var found = new ArrayList<NearbyPlayer>();
        for (Presence.Entry e : presence.search(cells, lat, lon, searchRadius, settings.maxResults(), now)) {
            if (e.playerId().equals(caller) || !seen.add(e.playerId()) || zoneIndex.contains(e.lat(), e.lon())) {
                continue;
            }
            double rLat = GeoMath.round(e.lat(), decimals);
            double rLon = GeoMath.round(e.lon(), decimals);
            double distance = GeoMath.distanceM(lat, lon, rLat, rLon);
            if (distance <= radiusM) {
                found.add(new NearbyPlayer(e.playerId(), rLat, rLon, Math.round(distance)));
            }
        }
        found.sort(Comparator.comparingLong(NearbyPlayer::distanceM).thenComparing(NearbyPlayer::playerId));
        return found.size() > settings.maxResults() ? List.copyOf(found.subList(0, settings.maxResults())) : found;
    }

    private void requireNearCaller(UUID caller, double lat, double lon, Instant now) {
        Optional<Fix> last = states.load(caller).track().lastAccepted()
                .filter(f -> now.toEpochMilli() - f.tsMillis() <= settings.presenceTtl().toMillis());
        if (last.isEmpty()) {
            throw LocationErrors.positionUnknown();
        }
        if (GeoMath.distanceM(last.get().lat(), last.get().lon(), lat, lon) > settings.maxCenterOffsetM()) {
            throw LocationErrors.searchTooFarAway(settings.maxCenterOffsetM());
        }
    }
}
