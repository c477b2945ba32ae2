package ore.realtime.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import ore.realtime.app.port.Broker;
import ore.realtime.app.port.PresenceStore;
import ore.realtime.domain.ChannelName;
import ore.realtime.domain.Publication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's registry of channels and the local clients subscribed to them. The broker is
 * subscribed to a channel only while a local client needs it: from the first join until the last
 * client has left and {@code linger} has passed (the linger keeps the history continuous for a
 * client that reconnects to this instance a moment later). Publications are encoded once per channel
 * and handed to each subscriber on its own connection thread.
 */
public final class Hub implements Broker.Handler {

    private static final Logger LOG = LoggerFactory.getLogger(Hub.class);

    private static final class Topic {
        final Set<Client> clients = ConcurrentHashMap.newKeySet();
        /** The same clients grouped by connection thread, so a publication costs one task per thread. */
        final Map<java.util.concurrent.Executor, Set<Client>> byThread = new ConcurrentHashMap<>();
        CompletableFuture<?> live;
        ScheduledFuture<?> linger;
    }

    private final Broker broker;
    private final PresenceStore presence;
    private final ScheduledExecutorService scheduler;
    private final long lingerMs;
    private final EngineMetrics metrics;
    private final Map<ChannelName, Topic> topics = new ConcurrentHashMap<>();
    private volatile Runnable onInterrupted = () -> { };

    public Hub(Broker broker, PresenceStore presence, ScheduledExecutorService scheduler, java.time.Duration linger,
               EngineMetrics metrics) {
        this.broker = broker;
        this.presence = presence;
        this.scheduler = scheduler;
        this.lingerMs = linger.toMillis();
        this.metrics = metrics;
    }

    void onInterrupted(Runnable action) {
        this.onInterrupted = action;
    }

    /** Adds the client to the channel; completes once the broker delivers the channel to this instance. */
    synchronized CompletionStage<Void> join(ChannelName channel, Client client) {
        Topic topic = topics.computeIfAbsent(channel, c -> new Topic());
        topic.clients.add(client);
        topic.byThread.computeIfAbsent(client.connection().thread(), t -> ConcurrentHashMap.newKeySet()).add(client);
        if (topic.linger != null) {
            topic.linger.cancel(false);
            topic.linger = null;
        }
        if (topic.live == null || topic.live.isCompletedExceptionally()) {
            topic.live = broker.subscribe(channel).toCompletableFuture();
        }
        return topic.live.thenApply(x -> null);
    }

    synchronized void leave(ChannelName channel, Client client) {
        Topic topic = topics.get(channel);
        if (topic == null || !topic.clients.remove(client)) {
            return;
        }
        Set<Client> sameThread = topic.byThread.get(client.connection().thread());
        if (sameThread != null) {
            sameThread.remove(client);
        }
        if (!topic.clients.isEmpty() || topic.linger != null) {
            return;
        }
        topic.linger = scheduler.schedule(() -> expire(channel, topic), lingerMs, TimeUnit.MILLISECONDS);
    }

    private synchronized void expire(ChannelName channel, Topic topic) {
        if (topic.clients.isEmpty() && topics.get(channel) == topic) {
            topics.remove(channel);
            broker.unsubscribe(channel).whenComplete((v, e) -> {
                if (e != null) {
                    LOG.warn("Unsubscribing {} failed: {}", channel, e.toString());
                }
            });
        }
    }

    @Override
    public void onPublication(ChannelName channel, Publication publication) {
        metrics.publications.increment();
        Topic topic = topics.get(channel);
        if (topic == null || topic.clients.isEmpty()) {
            return;
        }
        byte[] frame = Frames.push(channel, publication);
        topic.byThread.forEach((thread, clients) -> {
            if (clients.isEmpty()) {
                return;
            }
            try {
                thread.execute(() -> {
                    for (Client client : clients) {
                        client.deliver(channel, publication, frame);
                    }
                });
            } catch (RuntimeException e) {
                // That thread is shutting down (its connections are going away); the others must
                // still get the message.
                LOG.debug("Delivery to a connection thread rejected: {}", e.toString());
            }
        });
    }

    @Override
    public void onSubscriptionsInterrupted() {
        onInterrupted.run();
    }

    /** Renews the presence entries of every local subscriber (called periodically, well within the TTL). */
    public void refreshPresence() {
        topics.forEach((channel, topic) -> {
            List<String> ids = new ArrayList<>(topic.clients.size());
            for (Client client : topic.clients) {
                if (client.isSubscribed(channel)) {
                    ids.add(client.id());
                }
            }
            if (!ids.isEmpty()) {
                presence.refresh(channel, ids).whenComplete((v, e) -> {
                    if (e != null) {
                        LOG.debug("Presence refresh of {} failed: {}", channel, e.toString());
                    }
                });
            }
        });
    }

    /** Channels the broker is subscribed to on behalf of this instance (tests, metrics). */
    public int channelCount() {
        return topics.size();
    }
}
