package ore.realtime.domain;

/**
 * WebSocket close codes of protocol {@code ore.v1} (documented in docs/realtime-protocol.md). The
 * 4xxx codes are ours; a client reconnects after all but {@link #UNAUTHORIZED} and
 * {@link #FORBIDDEN_CODES} without a new token.
 */
public final class CloseCodes {

    private CloseCodes() {
    }

    /** RFC 6455: a binary or fragmented message; {@code ore.v1} speaks unfragmented JSON text frames. */
    public static final int UNSUPPORTED_DATA = 1003;
    /** RFC 6455: a frame larger than the maximum frame size. */
    public static final int TOO_BIG = 1009;
    /** RFC 6455 "service restart": the instance is shutting down; reconnect after the hinted delay. */
    public static final int SERVICE_RESTART = 1012;

    /** No valid token (bad token in the subprotocol or the auth frame, or no auth frame in time). */
    public static final int UNAUTHORIZED = 4001;
    /** The access token expired and no fresh one arrived through a refresh request. */
    public static final int TOKEN_EXPIRED = 4003;
    /** The client did not read its messages fast enough; its outbound queue filled up. */
    public static final int SLOW_CONSUMER = 4004;
    /** The client kept sending after being told it exceeded its rate limit. */
    public static final int RATE_LIMITED = 4005;
    /** Nothing was heard from the client (not even a pong) for the idle timeout. */
    public static final int IDLE_TIMEOUT = 4006;
    /** The server could not keep the client's subscriptions consistent (e.g. Redis connection lost). */
    public static final int RESUBSCRIBE = 4007;

    /** Codes after which reconnecting with the same token is pointless. */
    public static final int[] FORBIDDEN_CODES = {UNAUTHORIZED, TOKEN_EXPIRED};
}
