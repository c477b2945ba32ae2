package ore.location.config;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import ore.location.app.Erasure;
import ore.location.app.LocationUpdates;
import ore.location.app.NearbyPlayers;
import ore.location.app.PositionHistory;
import ore.location.app.port.PlayerStates;
import ore.location.domain.anticheat.AntiCheat;
import ore.location.domain.anticheat.AntiCheatPolicy;
import ore.location.domain.anticheat.ModelPolicy;
import ore.location.domain.geo.HexGrid;
import ore.location.domain.zone.ZoneLimits;

/** Builds the domain objects and the app layer's settings from the configuration. */
@Factory
public class LocationFactory {

    @Singleton
    HexGrid hexGrid() {
        return HexGrid.load();
    }

    @Singleton
    AntiCheat antiCheat(LocationSettings.AntiCheat a) {
        var policy = new AntiCheatPolicy(a.maxAge(), a.maxFutureSkew(), a.maxAccuracyM(), a.maxReportedSpeedMps(),
                a.teleportSpeedMps(), a.suspiciousSpeedMps(), a.accuracySlackCapM(), a.maxAccelerationMps2(),
                a.minPlausibleAccuracyM(), a.maxUsefulAccuracyM(), a.repeatedFixCount(), a.patternMinSegments(),
                a.jitterMaxMeanCos(), a.roboticMaxSpeedCv(), a.roboticMinSpeedMps(), a.roboticSegments());
        return new AntiCheat(policy, new ModelPolicy(a.modelSuspiciousAt(), a.modelRejectAt()));
    }

    @Singleton
    PlayerStates.CheatCounting cheatCounting(LocationSettings.Cheat c) {
        return new PlayerStates.CheatCounting(c.window(), c.threshold(), c.window());
    }

    @Singleton
    LocationUpdates.Settings updateSettings(LocationSettings.Nearby n, LocationSettings.AntiCheat a,
                                            PlayerStates.CheatCounting counting) {
        return new LocationUpdates.Settings(n.presenceResolution(), n.precisionDecimals(), a.modelTimeout(), counting);
    }

    @Singleton
    NearbyPlayers.Settings nearbySettings(LocationSettings.Nearby n) {
        return new NearbyPlayers.Settings(n.maxRadiusM(), n.precisionDecimals(), n.presenceResolution(), n.maxResults(),
                n.presenceTtl(), n.maxCenterOffsetM());
    }

    @Singleton
    PositionHistory.Settings historySettings(LocationSettings.History h) {
        return new PositionHistory.Settings(h.retention(), h.daysAhead(), h.erasureMemory());
    }

    @Singleton
    Erasure.Settings erasureSettings(LocationSettings.State s) {
        return new Erasure.Settings(s.tombstoneTtl());
    }

    @Singleton
    ZoneLimits zoneLimits(LocationSettings.Zones z) {
        return new ZoneLimits(z.maxVertices(), z.maxAreaKm2() * 1_000_000, ZoneLimits.defaults().maxNameLength());
    }
}
