package ore.realtime.domain;

/** The H3 grid, as far as channel authorisation needs it. Implementations are thread-safe. */
public interface CellGrid {

    /** Whether {@code cell} is a valid H3 index of the given resolution. */
    boolean isCell(String cell, int resolution);

    /** Grid distance in cells between two cells of one resolution, or -1 when H3 cannot tell (too far apart). */
    int distance(String from, String to);
}
