package ore.realtime.domain;

/**
 * Stable error codes of {@code error} frames ({@code {"id", "type": "error", "code", "message"}}).
 * Clients switch on the code; the message is for the developer reading logs.
 */
public enum RealtimeErrors {
    BAD_REQUEST("bad_request", "The frame is not a JSON object with a numeric id and a type."),
    UNKNOWN_REQUEST("unknown_request", "Unknown request type; see docs/realtime-protocol.md."),
    UNKNOWN_CHANNEL("unknown_channel", "Not a channel: use player:<your id>, cell:<res-9 H3 index> or global."),
    FORBIDDEN("forbidden", "You may not use this channel."),
    ALREADY_SUBSCRIBED("already_subscribed", "Already subscribed to this channel."),
    NOT_SUBSCRIBED("not_subscribed", "Subscribe to the channel first."),
    TOO_MANY_SUBSCRIPTIONS("too_many_subscriptions", "Subscription limit per connection reached; unsubscribe first."),
    RATE_LIMITED("rate_limited", "Too many frames; slow down (the connection closes if this goes on)."),
    PUBLISH_NOT_ALLOWED("publish_not_allowed", "Clients may not publish on this channel."),
    PAYLOAD_TOO_LARGE("payload_too_large", "The data is larger than allowed."),
    TOKEN_INVALID("token_invalid", "The token is not valid for this connection."),
    ALREADY_AUTHENTICATED("already_authenticated", "This connection is already authenticated; use refresh."),
    UNAVAILABLE("unavailable", "A dependency is unavailable; retry shortly.");

    private final String code;
    private final String message;

    RealtimeErrors(String code, String message) {
        this.code = code;
        this.message = message;
    }

    public String code() {
        return code;
    }

    public String message() {
        return message;
    }
}
