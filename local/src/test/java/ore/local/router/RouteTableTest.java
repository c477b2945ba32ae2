package ore.local.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private final RouteTable table = new RouteTable(AlbRoute.PRODUCTION, Map.of("auth", 8081));

    @Test
    void forwardsEverythingUnderARunningServicesPrefix() {
        assertThat(table.resolve("/api/auth/guest")).isEqualTo(new Resolution.Forward("auth", 8081));
        assertThat(table.resolve("/api/auth/.well-known/jwks.json")).isEqualTo(new Resolution.Forward("auth", 8081));
        assertThat(table.resolve("/api/auth")).isEqualTo(new Resolution.Forward("auth", 8081));
    }

    @Test
    void aPrefixMatchesWholePathSegmentsOnly() {
        assertThat(table.resolve("/api/authx/guest")).isEqualTo(new Resolution.NoRoute());
        assertThat(table.resolve("/api/gamer")).isEqualTo(new Resolution.NoRoute());
    }

    @Test
    void anAlbRouteWithoutARunningServiceIsUnavailable() {
        assertThat(table.resolve("/api/location/update")).isEqualTo(new Resolution.Unavailable("location"));
        assertThat(table.resolve("/api/game/mine")).isEqualTo(new Resolution.Unavailable("game"));
    }

    @Test
    void webSocketPathsBelongToRealtime() {
        assertThat(table.resolve("/ws")).isEqualTo(new Resolution.Unavailable("realtime"));
        assertThat(table.resolve("/ws/connect")).isEqualTo(new Resolution.Unavailable("realtime"));
        assertThat(new RouteTable(AlbRoute.PRODUCTION, Map.of("realtime", 8084)).resolve("/ws"))
                .isEqualTo(new Resolution.Forward("realtime", 8084));
        assertThat(table.resolve("/wsx")).isEqualTo(new Resolution.NoRoute());
    }

    @Test
    void pathsOutsideTheAlbRulesHaveNoRoute() {
        assertThat(table.resolve("/")).isEqualTo(new Resolution.NoRoute());
        assertThat(table.resolve("/health")).isEqualTo(new Resolution.NoRoute());
        assertThat(table.resolve("/internal/auth/token")).isEqualTo(new Resolution.NoRoute());
    }

    @Test
    void addingAServiceOpensItsRoute() {
        var more = new RouteTable(AlbRoute.PRODUCTION, Map.of("auth", 8081, "game", 8083));
        assertThat(more.resolve("/api/game/mine")).isEqualTo(new Resolution.Forward("game", 8083));
        assertThat(more.isRunning("game")).isTrue();
        assertThat(more.isRunning("location")).isFalse();
    }
}
