package ore.game.domain.node;

import java.util.regex.Pattern;
import ore.game.domain.GameErrors;

/**
 * The id of an ore node: its H3 cell (15 lower-case hex digits, as H3 prints resolution-9 cells)
 * and the epoch hour it spawned for, {@code 8928308280fffff:493127}. A node is a pure function of
 * (secret, cell, hour), so the id is all a client needs to send.
 */
public record NodeId(long cell, long hour) {

    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{15}:[1-9][0-9]{0,9}");
    public static final int MAX_LENGTH = 26;

    public NodeId {
        if (hour <= 0) {
            throw new IllegalArgumentException("hour must be positive: " + hour);
        }
    }

    /** Parses the text form strictly: no spaces, upper case, signs or leading zeros. */
    public static NodeId parse(String text) {
        if (text == null || text.length() > MAX_LENGTH || !FORMAT.matcher(text).matches()) {
            throw GameErrors.invalidNodeId();
        }
        int colon = text.indexOf(':');
        return new NodeId(Long.parseUnsignedLong(text.substring(0, colon), 16), Long.parseLong(text.substring(colon + 1)));
    }

    public String cellHex() {
        return Long.toHexString(cell);
    }

    @Override
    public String toString() {
        return cellHex() + ":" + hour;
    }
}
