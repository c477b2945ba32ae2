package ore.game.domain.node;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decides, for every (cell, hour), whether an ore node spawns there and what it is, from
 * HMAC-SHA256(server secret, cell | hour). Every instance computes the same nodes without sharing
 * state, and a client that does not know the secret cannot predict the next hour's nodes.
 *
 * <p>Layout of the 32 HMAC bytes: 0-3 decide whether the cell has a node (against the spawn
 * probability), 4-7 the ore type (rarity table of {@link OreType}), 8-11 the capacity. The position
 * is sampled uniformly in the cell by rejection: HMAC(secret, "pos" | cell | hour | attempt) gives a
 * point in the cell's bounding box, kept if it falls inside the cell's polygon (about 3 of 4 do).
 * Cells are small (0.1 km² at resolution 9), so a box in degrees is uniform enough in area.
 */
public final class NodeSpawner {

    private static final String VERSION = "ore-node/v1";
    private static final int MAX_POSITION_ATTEMPTS = 64;
    public static final int MIN_SECRET_BYTES = 32;

    private final Mac prototype;
    private final HexGrid grid;
    private final SpawnRules rules;
    private final long spawnThreshold;

    public NodeSpawner(byte[] secret, HexGrid grid, SpawnRules rules) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the node secret must have at least " + MIN_SECRET_BYTES + " bytes");
        }
        try {
            this.prototype = Mac.getInstance("HmacSHA256");
            this.prototype.init(new SecretKeySpec(secret, "HmacSHA256"));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
        this.grid = grid;
        this.rules = rules;
        this.spawnThreshold = (long) Math.floor(rules.spawnProbability() * 4_294_967_296.0);
    }

    public SpawnRules rules() {
        return rules;
    }

    /** Whether the id names a cell of the spawning resolution (the hour is checked by {@link NodeLifetime}). */
    public boolean isValidCell(long cell) {
        return grid.isCell(cell, rules.resolution());
    }

    /** The node of this cell and hour, if one spawns there. */
    public Optional<OreNode> nodeAt(long cell, long hour) {
        if (!isValidCell(cell)) {
            return Optional.empty();
        }
        String cellHex = Long.toHexString(cell);
        ByteBuffer h = ByteBuffer.wrap(hmac(VERSION + "|" + cellHex + "|" + hour));
        long spawnRoll = Integer.toUnsignedLong(h.getInt(0));
        if (spawnRoll >= spawnThreshold) {
            return Optional.empty();
        }
        OreType ore = OreType.byRoll((int) (Integer.toUnsignedLong(h.getInt(4)) % OreType.TOTAL_WEIGHT));
        int span = rules.maxCapacity() - rules.minCapacity() + 1;
        int capacity = rules.minCapacity() + (int) (Integer.toUnsignedLong(h.getInt(8)) % span);
        return Optional.of(new OreNode(new NodeId(cell, hour), position(cell, cellHex, hour), ore, capacity));
    }

    /** The node with this id, if it spawned. */
    public Optional<OreNode> node(NodeId id) {
        return nodeAt(id.cell(), id.hour());
    }

    /**
     * Every cell that may hold a node within {@code radiusM} of {@code center}: a superset, callers
     * filter the nodes by their exact distance.
     */
    public List<Long> cellsNear(GeoPoint center, double radiusM) {
        long home = grid.cellAt(center, rules.resolution());
        // A node lies inside its cell, at most about one edge length from the cell's centre, and each
        // ring of the grid is about 1.5 edges further out than the previous one. Pentagons and map
        // distortion make edges up to ~1.5x shorter than average, hence the margin.
        double shortEdge = grid.averageEdgeM(rules.resolution()) / 1.5;
        int k = (int) Math.ceil(radiusM / (1.5 * shortEdge)) + 1;
        return grid.disk(home, k);
    }

    /** Every node of this hour within {@code radiusM} of {@code center}, nearest first (uncached). */
    public List<OreNode> near(GeoPoint center, double radiusM, long hour) {
        var found = new ArrayList<OreNode>();
        for (long cell : cellsNear(center, radiusM)) {
            nodeAt(cell, hour).filter(n -> n.position().distanceM(center) <= radiusM).ifPresent(found::add);
        }
        found.sort(Comparator.comparingDouble(n -> n.position().distanceM(center)));
        return found;
    }

    private GeoPoint position(long cell, String cellHex, long hour) {
        List<GeoPoint> polygon = grid.boundary(cell);
        double ref = polygon.getFirst().lon();
        double minLat = Double.MAX_VALUE;
        double maxLat = -Double.MAX_VALUE;
        double minLon = Double.MAX_VALUE;
        double maxLon = -Double.MAX_VALUE;
        double[] lats = new double[polygon.size()];
        double[] lons = new double[polygon.size()];
        for (int i = 0; i < polygon.size(); i++) {
            lats[i] = polygon.get(i).lat();
            lons[i] = unwrap(polygon.get(i).lon(), ref);
            minLat = Math.min(minLat, lats[i]);
            maxLat = Math.max(maxLat, lats[i]);
            minLon = Math.min(minLon, lons[i]);
            maxLon = Math.max(maxLon, lons[i]);
        }
        for (int attempt = 0; attempt < MAX_POSITION_ATTEMPTS; attempt++) {
            ByteBuffer h = ByteBuffer.wrap(hmac(VERSION + "|pos|" + cellHex + "|" + hour + "|" + attempt));
            double lat = minLat + unit(h.getLong(0)) * (maxLat - minLat);
            double lon = minLon + unit(h.getLong(8)) * (maxLon - minLon);
            if (inside(lats, lons, lat, lon)) {
                return new GeoPoint(lat, wrap(lon));
            }
        }
        // Only reachable for degenerate cells (never seen with H3); the centre is inside every cell.
        return grid.center(cell);
    }

    private byte[] hmac(String message) {
        try {
            Mac mac = (Mac) prototype.clone();
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HmacSHA256 supports clone", e);
        }
    }

    /** 53 random bits as a double in [0, 1). */
    private static double unit(long bits) {
        return (bits >>> 11) * 0x1.0p-53;
    }

    /** Longitude moved by ±360 next to {@code ref}, so cells on the antimeridian are not split. */
    private static double unwrap(double lon, double ref) {
        if (lon - ref > 180) {
            return lon - 360;
        }
        if (lon - ref < -180) {
            return lon + 360;
        }
        return lon;
    }

    private static double wrap(double lon) {
        if (lon > 180) {
            return lon - 360;
        }
        if (lon < -180) {
            return lon + 360;
        }
        return lon;
    }

    /** Even-odd ray casting; the polygon is tiny, so treating degrees as planar is exact enough. */
    static boolean inside(double[] lats, double[] lons, double lat, double lon) {
        boolean in = false;
        for (int i = 0, j = lats.length - 1; i < lats.length; j = i++) {
            if ((lats[i] > lat) != (lats[j] > lat)
                    && lon < (lons[j] - lons[i]) * (lat - lats[i]) / (lats[j] - lats[i]) + lons[i]) {
                in = !in;
            }
        }
        return in;
    }
}
