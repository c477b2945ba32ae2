package ore.location.domain.anticheat;

import static ore.location.domain.anticheat.Fixes.LAT;
import static ore.location.domain.anticheat.Fixes.LON;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZonedDateTime;
import ore.location.domain.fix.Fix;
import ore.location.domain.fix.PlayerTrack;
import ore.location.domain.fix.Reason;
import ore.location.domain.fix.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FixChecksTest {

    static final Instant NOW = Instant.ofEpochMilli(Fixes.T0);
    final FixChecks checks = new FixChecks(AntiCheatPolicy.defaults());

    private Reason check(Fix fix) {
        return checks.check(fix, PlayerTrack.EMPTY, NOW).orElse(null);
    }

    private static Fix fix(double lat, double lon, double accuracy) {
        return Fix.of(lat, lon, accuracy, NOW.toEpochMilli());
    }

    @Test
    void aGoodFixPasses() {
        assertThat(check(fix(LAT, LON, 8))).isNull();
        assertThat(check(fix(90, 180, 10_000))).isNull();
        assertThat(check(fix(-90, -180, 0.1))).isNull();
    }

    @ParameterizedTest
    @ValueSource(doubles = {91, -90.0001, Double.NaN, Double.POSITIVE_INFINITY})
    void latitudeOutOfRange(double lat) {
        assertThat(check(fix(lat, LON, 5))).isEqualTo(Reason.INVALID_LAT);
    }

    @ParameterizedTest
    @ValueSource(doubles = {180.5, -181, Double.NaN, Double.NEGATIVE_INFINITY})
    void longitudeOutOfRange(double lon) {
        assertThat(check(fix(LAT, lon, 5))).isEqualTo(Reason.INVALID_LON);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, 10_000.5, Double.NaN, Double.POSITIVE_INFINITY})
    void accuracyOutOfRange(double accuracy) {
        assertThat(check(fix(LAT, LON, accuracy))).isEqualTo(Reason.INVALID_ACCURACY);
    }

    @Test
    void reportedSpeedAndHeadingAreChecked() {
        long ts = NOW.toEpochMilli();
        assertThat(check(new Fix(LAT, LON, 5, ts, -1, Double.NaN))).isEqualTo(Reason.INVALID_SPEED);
        assertThat(check(new Fix(LAT, LON, 5, ts, 301, Double.NaN))).isEqualTo(Reason.INVALID_SPEED);
        assertThat(check(new Fix(LAT, LON, 5, ts, 1.4, 360))).isEqualTo(Reason.INVALID_HEADING);
        assertThat(check(new Fix(LAT, LON, 5, ts, 1.4, -0.5))).isEqualTo(Reason.INVALID_HEADING);
        assertThat(check(new Fix(LAT, LON, 5, ts, 1.4, 359.9))).isNull();
    }

    @Test
    void timestampsFarInTheFutureOrPastAreRefused() {
        long in2099 = ZonedDateTime.parse("2099-01-01T00:00:00Z").toInstant().toEpochMilli();
        assertThat(check(Fix.of(LAT, LON, 5, in2099))).isEqualTo(Reason.FUTURE);
        assertThat(check(Fix.of(LAT, LON, 5, NOW.toEpochMilli() + 31_000))).isEqualTo(Reason.FUTURE);
        assertThat(check(Fix.of(LAT, LON, 5, NOW.toEpochMilli() + 29_000))).isNull();
        assertThat(check(Fix.of(LAT, LON, 5, NOW.toEpochMilli() - 601_000))).isEqualTo(Reason.STALE);
        assertThat(check(Fix.of(LAT, LON, 5, NOW.toEpochMilli() - 599_000))).isNull();
        assertThat(check(Fix.of(LAT, LON, 5, 0))).isEqualTo(Reason.STALE);
    }

    @Test
    void aFixAlreadyJudgedIsADuplicateAnOlderOneIsOutOfOrder() {
        long ts = NOW.toEpochMilli();
        var track = PlayerTrack.EMPTY.withAccepted(Fix.of(LAT, LON, 5, ts - 2000), Verdict.TRUSTED)
                .withRejected(ts - 1000);
        assertThat(checks.check(Fix.of(LAT, LON, 5, ts - 2000), track, NOW)).contains(Reason.DUPLICATE);
        assertThat(checks.check(Fix.of(LAT, LON, 5, ts - 1000), track, NOW)).contains(Reason.DUPLICATE);
        assertThat(checks.check(Fix.of(LAT, LON, 5, ts - 1500), track, NOW)).contains(Reason.OUT_OF_ORDER);
        assertThat(checks.check(Fix.of(LAT, LON, 5, ts - 999), track, NOW)).isEmpty();
    }
}
