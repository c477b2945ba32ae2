package ore.realtime.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.uber.h3core.H3Core;
import java.io.IOException;
import ore.realtime.adapter.out.h3.H3CellGrid;
import org.junit.jupiter.api.Test;

class CellAccessTest {

    final H3Core h3;
    final CellAccess access = new CellAccess(new H3CellGrid(), 2);

    CellAccessTest() throws IOException {
        h3 = H3Core.newInstance();
    }

    @Test
    void cellsWithinTheRingsOfTheTrustedCellOnly() {
        String home = h3.latLngToCellAddress(52.52, 13.405, 9);
        assertThat(access.allows(home, home)).isTrue();
        assertThat(h3.gridRing(home, 1)).allMatch(c -> access.allows(home, c));
        assertThat(h3.gridRing(home, 2)).allMatch(c -> access.allows(home, c));
        assertThat(h3.gridRing(home, 3)).noneMatch(c -> access.allows(home, c));
        assertThat(access.allows(home, h3.latLngToCellAddress(-33.86, 151.2, 9))).as("other side of the world").isFalse();
    }

    @Test
    void noTrustedCellOrAnotherResolutionGivesNothing() {
        String home = h3.latLngToCellAddress(52.52, 13.405, 9);
        assertThat(access.allows(null, home)).isFalse();
        assertThat(access.allows(home, h3.cellToParentAddress(home, 8))).isFalse();
        assertThat(access.allows(home, "8928308280fffff0")).isFalse();
        assertThat(access.allows(home, "ffffffffffffffff")).isFalse();
    }
}
