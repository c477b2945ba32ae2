package ore.realtime.domain;

/**
 * One message of a channel with its place in the channel's history.
 *
 * @param data the message as the producer published it: a JSON object (text), passed on verbatim
 */
public record Publication(long offset, String epoch, String data) {
}
