package ore.game.adapter.out.h3;

import com.uber.h3core.H3Core;
import com.uber.h3core.LengthUnit;
import com.uber.h3core.util.LatLng;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import ore.game.domain.node.GeoPoint;
import ore.game.domain.node.HexGrid;

/**
 * {@link HexGrid} on Uber's H3 (native library, loaded once; the JVM needs
 * {@code --enable-native-access=ALL-UNNAMED}). H3Core is thread-safe.
 */
public final class H3HexGrid implements HexGrid {

    private final H3Core h3;

    public H3HexGrid() {
        try {
            this.h3 = H3Core.newInstance();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the H3 native library", e);
        }
    }

    @Override
    public long cellAt(GeoPoint point, int resolution) {
        return h3.latLngToCell(point.lat(), point.lon(), resolution);
    }

    @Override
    public List<GeoPoint> boundary(long cell) {
        return h3.cellToBoundary(cell).stream().map(H3HexGrid::point).toList();
    }

    @Override
    public GeoPoint center(long cell) {
        return point(h3.cellToLatLng(cell));
    }

    @Override
    public List<Long> disk(long cell, int k) {
        return h3.gridDisk(cell, k);
    }

    @Override
    public boolean isCell(long cell, int resolution) {
        return h3.isValidCell(cell) && h3.getResolution(cell) == resolution;
    }

    @Override
    public double averageEdgeM(int resolution) {
        return h3.getHexagonEdgeLengthAvg(resolution, LengthUnit.m);
    }

    private static GeoPoint point(LatLng p) {
        return new GeoPoint(p.lat, p.lng);
    }
}
