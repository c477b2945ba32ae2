package ore.realtime.domain;

/**
 * Where a channel's history stands: the offset of its newest publication (0 before the first) and
 * the epoch of the history. A new epoch means the history was lost or interrupted (expired, or
 * nobody listened for a while), so offsets of another epoch say nothing about what was missed.
 */
public record StreamPosition(long offset, String epoch) {
}
