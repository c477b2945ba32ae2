package ore.realtime.app;

/**
 * A client request frame of protocol {@code ore.v1}, parsed: {@code {"id": <n>, "type": "...", ...}}.
 * Fields a request type does not use are null.
 *
 * @param data the {@code data} member of a publish request, as raw JSON text
 */
public record Request(long id, String type, String channel, Long offset, String epoch, String token, String data,
                      Integer limit) {

    public static final String AUTH = "auth";
    public static final String SUBSCRIBE = "subscribe";
    public static final String UNSUBSCRIBE = "unsubscribe";
    public static final String PUBLISH = "publish";
    public static final String PRESENCE = "presence";
    public static final String HISTORY = "history";
    public static final String PING = "ping";
    public static final String REFRESH = "refresh";
}
