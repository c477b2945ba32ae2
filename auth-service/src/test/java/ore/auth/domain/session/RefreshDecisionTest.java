package ore.auth.domain.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RefreshDecisionTest {

    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    static final Duration GRACE = Duration.ofSeconds(10);

    static RefreshDecision.State fresh() {
        return new RefreshDecision.State(NOW.plusSeconds(3600), Optional.empty(), NOW.plusSeconds(7200),
                Optional.empty(), true);
    }

    @Test
    void unusedValidTokenRotates() {
        assertThat(RefreshDecision.decide(Optional.of(fresh()), NOW, GRACE)).isEqualTo(RefreshDecision.ROTATE);
    }

    @Test
    void unknownTokenIsRejected() {
        assertThat(RefreshDecision.decide(Optional.empty(), NOW, GRACE)).isEqualTo(RefreshDecision.REJECT);
    }

    @Test
    void reuseWithinGraceIsAConcurrentRefresh() {
        var used = new RefreshDecision.State(NOW.plusSeconds(3600), Optional.of(NOW.minusSeconds(10)),
                NOW.plusSeconds(7200), Optional.empty(), true);
        assertThat(RefreshDecision.decide(Optional.of(used), NOW, GRACE)).isEqualTo(RefreshDecision.ACCESS_ONLY);
    }

    @Test
    void reuseAfterGraceRevokesTheFamily() {
        var used = new RefreshDecision.State(NOW.plusSeconds(3600), Optional.of(NOW.minusSeconds(11)),
                NOW.plusSeconds(7200), Optional.empty(), true);
        assertThat(RefreshDecision.decide(Optional.of(used), NOW, GRACE)).isEqualTo(RefreshDecision.REVOKE_FAMILY);
    }

    @Test
    void expiredRevokedOrDeletedIsRejected() {
        var expired = new RefreshDecision.State(NOW, Optional.empty(), NOW.plusSeconds(7200), Optional.empty(), true);
        var familyExpired = new RefreshDecision.State(NOW.plusSeconds(60), Optional.empty(), NOW, Optional.empty(), true);
        var revoked = new RefreshDecision.State(NOW.plusSeconds(60), Optional.empty(), NOW.plusSeconds(7200),
                Optional.of(NOW.minusSeconds(1)), true);
        var deleted = new RefreshDecision.State(NOW.plusSeconds(60), Optional.empty(), NOW.plusSeconds(7200),
                Optional.empty(), false);
        for (var s : new RefreshDecision.State[] {expired, familyExpired, revoked, deleted}) {
            assertThat(RefreshDecision.decide(Optional.of(s), NOW, GRACE)).isEqualTo(RefreshDecision.REJECT);
        }
    }

    @Test
    void aRevokedFamilyStaysRevokedEvenForReuse() {
        var s = new RefreshDecision.State(NOW.plusSeconds(60), Optional.of(NOW.minusSeconds(100)),
                NOW.plusSeconds(7200), Optional.of(NOW.minusSeconds(50)), true);
        assertThat(RefreshDecision.decide(Optional.of(s), NOW, GRACE)).isEqualTo(RefreshDecision.REJECT);
    }
}
