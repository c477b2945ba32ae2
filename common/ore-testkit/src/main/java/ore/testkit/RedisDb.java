package ore.testkit;

/**
 * A Redis logical database (index 1..15) flushed when it was handed out. {@code uri} selects it,
 * e.g. {@code redis://127.0.0.1:6379/7}, so Lettuce and Micronaut's {@code redis.uri} use it as is.
 */
public record RedisDb(String uri, int index) {
}
