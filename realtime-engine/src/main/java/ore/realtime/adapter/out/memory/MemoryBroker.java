package ore.realtime.adapter.out.memory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ThreadLocalRandom;
import ore.realtime.app.port.Broker;
import ore.realtime.domain.ChannelName;
import ore.realtime.domain.Publication;
import ore.realtime.domain.StreamPosition;

/**
 * {@link Broker} inside one JVM: brokers that share a {@link Backend} see each other's publications,
 * like instances sharing one Redis. Use it for a single-instance run without Redis and in tests of
 * the engine core; switch to {@code RedisBroker} as soon as there is more than one instance (or
 * producers in other processes). History lives in memory (bounded per channel) and dies with the
 * process. As with Redis, a channel's history is kept whether or not anyone subscribes, so a client
 * recovers what was published while it was away; {@link Backend#forget} drops a channel's history (its next
 * use starts a new epoch), as the history TTL does in Redis.
 */
public final class MemoryBroker implements Broker {

    /** What several in-process brokers share. */
    public static final class Backend {
        private final int historySize;
        private final Map<ChannelName, State> channels = new ConcurrentHashMap<>();

        public Backend(int historySize) {
            if (historySize < 1) {
                throw new IllegalArgumentException("historySize must be at least 1");
            }
            this.historySize = historySize;
        }

        /** Drops the history of a channel, as its TTL running out does in Redis: its next use starts a new epoch. */
        public void forget(ChannelName channel) {
            State state = channels.get(channel);
            if (state != null) {
                synchronized (state) {
                    state.epoch = newEpoch();
                    state.top = 0;
                    state.history.clear();
                }
            }
        }
    }

    private static final class State {
        final Set<MemoryBroker> subscribers = new CopyOnWriteArraySet<>();
        final ArrayDeque<Publication> history = new ArrayDeque<>();
        String epoch = newEpoch();
        long top;
    }

    private final Backend backend;
    private volatile Handler handler;

    public MemoryBroker(Backend backend) {
        this.backend = backend;
    }

    @Override
    public void start(Handler handler) {
        this.handler = handler;
    }

    @Override
    public CompletionStage<StreamPosition> subscribe(ChannelName channel) {
        State state = backend.channels.computeIfAbsent(channel, c -> new State());
        synchronized (state) {
            state.subscribers.add(this);
            return CompletableFuture.completedFuture(new StreamPosition(state.top, state.epoch));
        }
    }

    @Override
    public CompletionStage<Void> unsubscribe(ChannelName channel) {
        State state = backend.channels.get(channel);
        if (state != null) {
            synchronized (state) {
                state.subscribers.remove(this);
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> publish(ChannelName channel, String data) {
        State state = backend.channels.computeIfAbsent(channel, c -> new State());
        // Appending and delivering under the channel's lock keeps every subscriber's order the offset order.
        synchronized (state) {
            var p = new Publication(++state.top, state.epoch, data);
            state.history.addLast(p);
            if (state.history.size() > backend.historySize) {
                state.history.removeFirst();
            }
            for (MemoryBroker b : state.subscribers) {
                b.handler.onPublication(channel, p);
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Recovery> recover(ChannelName channel, long offset, String epoch) {
        State state = backend.channels.computeIfAbsent(channel, c -> new State());
        synchronized (state) {
            var position = new StreamPosition(state.top, state.epoch);
            if (!state.epoch.equals(epoch) || offset > state.top) {
                return CompletableFuture.completedFuture(new Recovery(false, position, List.of()));
            }
            var missed = new ArrayList<Publication>();
            for (Publication p : state.history) {
                if (p.offset() > offset) {
                    missed.add(p);
                }
            }
            boolean complete = missed.size() == state.top - offset;
            return CompletableFuture.completedFuture(new Recovery(complete, position, complete ? missed : List.of()));
        }
    }

    @Override
    public CompletionStage<Recovery> history(ChannelName channel, int limit) {
        State state = backend.channels.computeIfAbsent(channel, c -> new State());
        synchronized (state) {
            var all = new ArrayList<>(state.history);
            var newest = all.subList(Math.max(0, all.size() - Math.max(0, limit)), all.size());
            return CompletableFuture.completedFuture(new Recovery(true, new StreamPosition(state.top, state.epoch),
                    List.copyOf(newest)));
        }
    }

    @Override
    public void close() {
        backend.channels.values().forEach(s -> s.subscribers.remove(this));
    }

    private static String newEpoch() {
        return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    }
}
