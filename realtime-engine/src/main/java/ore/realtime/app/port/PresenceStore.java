package ore.realtime.app.port;

import java.util.Collection;
import java.util.concurrent.CompletionStage;
import ore.realtime.domain.ChannelName;

/**
 * Who is subscribed to a channel, across all instances. Each entry lives for the store's TTL unless
 * {@link #refresh} renews it, so the entries of a crashed instance disappear on their own ("no
 * ghosts"). Futures complete on a store thread.
 */
public interface PresenceStore {

    /** Adds or renews entries (client id, one per connection) of the channel. */
    CompletionStage<Void> refresh(ChannelName channel, Collection<String> clientIds);

    CompletionStage<Void> remove(ChannelName channel, String clientId);

    /** Number of live entries of the channel. */
    CompletionStage<Long> count(ChannelName channel);
}
