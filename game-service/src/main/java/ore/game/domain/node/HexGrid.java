package ore.game.domain.node;

import java.util.List;

/**
 * The hexagonal grid the map is cut into (H3 in production). Cells are 64-bit indexes; the domain
 * only needs to find, outline and enumerate them.
 */
public interface HexGrid {

    /** The cell of this resolution containing the point. */
    long cellAt(GeoPoint point, int resolution);

    /** The cell's boundary, vertices in order (6 for hexagons, 5 for the 12 pentagons; more when distorted). */
    List<GeoPoint> boundary(long cell);

    GeoPoint center(long cell);

    /** The cell and every cell within {@code k} grid steps of it. */
    List<Long> disk(long cell, int k);

    /** Whether {@code cell} is a valid index of a cell at this resolution. */
    boolean isCell(long cell, int resolution);

    /** Average edge length of the cells of this resolution, in metres. */
    double averageEdgeM(int resolution);
}
