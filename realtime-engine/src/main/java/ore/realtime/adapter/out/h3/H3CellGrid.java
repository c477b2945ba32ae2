package ore.realtime.adapter.out.h3;

import com.uber.h3core.H3Core;
import java.io.IOException;
import ore.realtime.domain.CellGrid;

/** {@link CellGrid} on Uber's H3 (native; the JVM needs {@code --enable-native-access=ALL-UNNAMED}). */
public final class H3CellGrid implements CellGrid {

    private final H3Core h3;

    public H3CellGrid() {
        try {
            this.h3 = H3Core.newInstance();
        } catch (IOException | UnsatisfiedLinkError e) {
            throw new IllegalStateException("cannot load the H3 native library", e);
        }
    }

    @Override
    public boolean isCell(String cell, int resolution) {
        try {
            return h3.isValidCell(cell) && h3.getResolution(cell) == resolution;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public int distance(String from, String to) {
        try {
            long d = h3.gridDistance(from, to);
            return d > Integer.MAX_VALUE ? -1 : (int) d;
        } catch (RuntimeException e) {
            return -1; // H3 cannot measure across pentagons or very long distances: not "near"
        }
    }
}
