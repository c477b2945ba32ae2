package ore.realtime.domain;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A realtime channel as clients name it: {@code player:<uuid>}, {@code cell:<h3>} (an H3 cell index
 * in its 15-hex-digit form) or {@code global}. The Redis pub/sub channel that feeds it is the same
 * name behind {@code rt:} (DESIGN §3), e.g. {@code rt:cell:8928308280fffff}.
 *
 * @param kind the namespace, which decides who may subscribe and publish
 * @param id   the player id, the cell index, or empty for {@code global}
 */
public record ChannelName(Kind kind, String id) {

    public enum Kind { PLAYER, CELL, GLOBAL }

    /** Longest channel name accepted; anything longer is not a channel of ours. */
    public static final int MAX_LENGTH = 64;
    public static final String REDIS_PREFIX = "rt:";
    private static final Pattern CELL = Pattern.compile("[0-9a-f]{15}");

    /** The channel this text names, or empty when it names none (unknown namespace, malformed id). */
    public static Optional<ChannelName> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        if (text.equals("global")) {
            return Optional.of(new ChannelName(Kind.GLOBAL, ""));
        }
        if (text.startsWith("player:")) {
            String id = text.substring("player:".length());
            try {
                UUID uuid = UUID.fromString(id);
                // Only the canonical form, so one player has exactly one channel name.
                return uuid.toString().equals(id) ? Optional.of(new ChannelName(Kind.PLAYER, id)) : Optional.empty();
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        if (text.startsWith("cell:")) {
            String id = text.substring("cell:".length());
            return CELL.matcher(id).matches() ? Optional.of(new ChannelName(Kind.CELL, id)) : Optional.empty();
        }
        return Optional.empty();
    }

    public static ChannelName player(UUID playerId) {
        return new ChannelName(Kind.PLAYER, playerId.toString());
    }

    /** The client-facing name, e.g. {@code cell:8928308280fffff}. */
    public String value() {
        return kind == Kind.GLOBAL ? "global" : kind.name().toLowerCase(Locale.ROOT) + ":" + id;
    }

    /** The Redis pub/sub channel producers publish this channel's messages on. */
    public String redisChannel() {
        return REDIS_PREFIX + value();
    }

    @Override
    public String toString() {
        return value();
    }
}
