package ore.realtime.app;

import java.time.Duration;

/**
 * The per-connection rules of the engine (see RealtimeSettings for the configuration keys).
 *
 * @param maxSubscriptions        subscriptions one connection may hold
 * @param authTimeout             time to send the auth frame when the token did not come as a subprotocol
 * @param ratePerSecond           sustained frames per second a client may send
 * @param rateBurst               frames a client may send at once
 * @param rateStrikes             rate-limited frames in a row after which the connection is closed
 * @param maxPublishBytes         largest {@code data} of a publish request
 * @param maxPendingPerSubscription publications buffered while a subscription is being set up
 * @param historyLimit            most publications a history request returns
 * @param cellClientPublish       whether clients may publish on cell channels
 * @param reconnectMin            lower bound of the reconnect hint sent with close 1012
 * @param reconnectMax            upper bound of the reconnect hint
 */
public record Limits(int maxSubscriptions, Duration authTimeout, double ratePerSecond, int rateBurst, int rateStrikes,
                     int maxPublishBytes, int maxPendingPerSubscription, int historyLimit, boolean cellClientPublish,
                     Duration reconnectMin, Duration reconnectMax) {
}
