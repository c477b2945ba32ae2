package ore.location.app.port;

import java.util.List;
import java.util.UUID;
import ore.location.domain.zone.NoPlayZone;
import ore.location.domain.zone.ZoneIndex;

/**
 * No-play zones in the database, with their covering H3 cells and a revision number that every
 * change increments (instances poll it to know when to reload). Call inside {@link Transactions}
 * for changes.
 */
public interface ZoneStore {

    void create(NoPlayZone zone, long[] cells);

    /** False when no zone has this id. */
    boolean delete(UUID id);

    long revision();

    List<ZoneIndex.Covered> loadAll();
}
