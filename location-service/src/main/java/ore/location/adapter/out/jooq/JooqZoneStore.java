package ore.location.adapter.out.jooq;

import static ore.location.adapter.out.jooq.generated.Tables.NO_PLAY_ZONE;
import static ore.location.adapter.out.jooq.generated.Tables.NO_PLAY_ZONE_CELL;
import static ore.location.adapter.out.jooq.generated.Tables.ZONE_REVISION;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ore.location.app.port.ZoneStore;
import ore.location.domain.zone.NoPlayZone;
import ore.location.domain.zone.ZoneGeometry;
import ore.location.domain.zone.ZoneIndex;
import ore.location.domain.zone.ZoneLimits;
import org.jooq.JSON;
import org.jooq.Record;

/** {@link ZoneStore} on {@code location.no_play_zone}, {@code no_play_zone_cell} and {@code zone_revision}. */
@Singleton
public class JooqZoneStore implements ZoneStore {

    /** Stored zones were checked when created; reading them back must not fail on a later, stricter limit. */
    private static final ZoneLimits STORED = new ZoneLimits(Integer.MAX_VALUE, Double.MAX_VALUE, Integer.MAX_VALUE);
    private static final int CELL_BATCH = 1000;

    private final JooqTransactions tx;
    private final JsonMapper json;

    public JooqZoneStore(JooqTransactions tx, JsonMapper json) {
        this.tx = tx;
        this.json = json;
    }

    @Override
    public void create(NoPlayZone zone, long[] cells) {
        var dsl = tx.requireTransaction();
        dsl.insertInto(NO_PLAY_ZONE)
                .set(NO_PLAY_ZONE.ID, zone.id())
                .set(NO_PLAY_ZONE.NAME, zone.name())
                .set(NO_PLAY_ZONE.GEOJSON, JSON.valueOf(write(ZoneGeometry.toGeoJson(zone.geometry()))))
                .set(NO_PLAY_ZONE.AREA_M2, zone.areaM2())
                .set(NO_PLAY_ZONE.VERTEX_COUNT, zone.geometry().getNumPoints())
                .set(NO_PLAY_ZONE.CREATED_AT, zone.createdAt())
                .set(NO_PLAY_ZONE.CREATED_BY, zone.createdBy())
                .execute();
        for (int from = 0; from < cells.length; from += CELL_BATCH) {
            var insert = dsl.insertInto(NO_PLAY_ZONE_CELL, NO_PLAY_ZONE_CELL.CELL, NO_PLAY_ZONE_CELL.ZONE_ID);
            for (int i = from; i < Math.min(cells.length, from + CELL_BATCH); i++) {
                insert = insert.values(cells[i], zone.id());
            }
            insert.execute();
        }
        bumpRevision();
    }

    @Override
    public boolean delete(UUID id) {
        boolean deleted = tx.requireTransaction().deleteFrom(NO_PLAY_ZONE).where(NO_PLAY_ZONE.ID.eq(id)).execute() == 1;
        if (deleted) {
            bumpRevision();
        }
        return deleted;
    }

    @Override
    public long revision() {
        Long revision = tx.dsl().select(ZONE_REVISION.REVISION).from(ZONE_REVISION).where(ZONE_REVISION.ID.eq((short) 1))
                .fetchOne(ZONE_REVISION.REVISION);
        return revision == null ? 0 : revision;
    }

    @Override
    public List<ZoneIndex.Covered> loadAll() {
        Map<UUID, List<Long>> cells = new HashMap<>();
        tx.dsl().select(NO_PLAY_ZONE_CELL.ZONE_ID, NO_PLAY_ZONE_CELL.CELL).from(NO_PLAY_ZONE_CELL)
                .forEach(r -> cells.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
        var out = new ArrayList<ZoneIndex.Covered>();
        for (Record r : tx.dsl().selectFrom(NO_PLAY_ZONE).orderBy(NO_PLAY_ZONE.CREATED_AT, NO_PLAY_ZONE.ID).fetch()) {
            UUID id = r.get(NO_PLAY_ZONE.ID);
            var geometry = ZoneGeometry.parse(read(r.get(NO_PLAY_ZONE.GEOJSON).data()), STORED).geometry();
            var zone = new NoPlayZone(id, r.get(NO_PLAY_ZONE.NAME), geometry, r.get(NO_PLAY_ZONE.AREA_M2),
                    r.get(NO_PLAY_ZONE.CREATED_AT), r.get(NO_PLAY_ZONE.CREATED_BY));
            out.add(new ZoneIndex.Covered(zone, cells.getOrDefault(id, List.of()).stream().mapToLong(Long::longValue).toArray()));
        }
        return out;
    }

    private void bumpRevision() {
        tx.requireTransaction().update(ZONE_REVISION).set(ZONE_REVISION.REVISION, ZONE_REVISION.REVISION.plus(1))
                .where(ZONE_REVISION.ID.eq((short) 1)).execute();
    }

    private String write(Object tree) {
        try {
            return json.writeValueAsString(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Object read(String text) {
        try {
            return json.readValue(text, Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
