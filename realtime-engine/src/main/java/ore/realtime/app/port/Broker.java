package ore.realtime.app.port;

import java.util.List;
import java.util.concurrent.CompletionStage;
import ore.realtime.domain.ChannelName;
import ore.realtime.domain.Publication;
import ore.realtime.domain.StreamPosition;

/**
 * Moves channel messages between engine instances and keeps each channel's recent history.
 *
 * <p>Contract (every implementation passes {@code BrokerContract}):
 * <ul>
 *   <li><b>Delivery</b>: after {@link #subscribe} completes, every message published on the channel
 *       (by {@link #publish} on any instance sharing the backend, or by a producer publishing on the
 *       channel's Redis channel) reaches the {@link Handler} once, at most once per instance, in
 *       publication order, until {@link #unsubscribe}. At most once: a message published while the
 *       backend is unreachable is lost, which the history epoch reveals.</li>
 *   <li><b>Offsets</b>: every delivered message carries the channel's next offset (1, 2, ...) and the
 *       current epoch; all instances see the same offset for the same message.</li>
 *   <li><b>History</b>: the last {@code historySize} messages stay readable for {@code historyTtl}
 *       after the last one. History is only kept while at least one instance is subscribed; when no
 *       instance listened for a while (or the history expired), the next subscription starts a new
 *       epoch, so a client can never mistake a gap for a complete replay.</li>
 *   <li><b>Recovery</b> is all or nothing: either every publication after the client's offset in the
 *       client's epoch, or {@code recovered = false}.</li>
 * </ul>
 * Futures complete on a broker thread; failures complete them exceptionally.
 */
public interface Broker {

    /** Receives the publications of subscribed channels; called on a broker thread, must not block. */
    interface Handler {

        void onPublication(ChannelName channel, Publication publication);

        /**
         * The broker lost its subscriptions for a while (connection to the backend dropped and was
         * restored); publications may have been missed on every subscribed channel.
         */
        default void onSubscriptionsInterrupted() {
        }
    }

    /** What a recovery attempt found: all missed publications, or {@code recovered == false}. */
    record Recovery(boolean recovered, StreamPosition position, List<Publication> publications) {
    }

    /** Starts delivering to {@code handler}; call once before anything else. */
    void start(Handler handler);

    /** Starts receiving the channel; completes with the channel's current position once live. */
    CompletionStage<StreamPosition> subscribe(ChannelName channel);

    CompletionStage<Void> unsubscribe(ChannelName channel);

    /** Publishes a JSON message ({@code {type, at, ...}}) on the channel, to every instance. */
    CompletionStage<Void> publish(ChannelName channel, String data);

    /** The publications after {@code offset} of {@code epoch}, all of them, or recovered=false. */
    CompletionStage<Recovery> recover(ChannelName channel, long offset, String epoch);

    /** Up to {@code limit} newest publications, oldest first, with the current position. */
    CompletionStage<Recovery> history(ChannelName channel, int limit);

    /** Stops delivering and releases connections. */
    void close();
}
