package ore.realtime.app;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import ore.realtime.app.port.Broker;
import ore.realtime.app.port.Connection;
import ore.realtime.app.port.TokenVerifier;
import ore.realtime.domain.ChannelName;
import ore.realtime.domain.CloseCodes;
import ore.realtime.domain.Publication;
import ore.realtime.domain.RealtimeErrors;
import ore.realtime.domain.StreamPosition;
import ore.realtime.domain.TokenBucket;

/**
 * One connection's protocol state machine: waiting for authentication, then connected, then closed.
 * Every method runs on the connection's thread (see {@link Connection}); asynchronous answers from
 * the broker, the presence store or the token verifier hop back onto it before touching state, so
 * nothing here needs a lock.
 */
public final class Client {

    private enum State { AWAITING_AUTH, CONNECTED, CLOSED }

    /** A subscription; publications that arrive while it is being set up wait in {@code pending}. */
    private static final class Subscription {
        boolean live;
        long offset;
        String epoch;
        ArrayDeque<Publication> pending;
    }

    private final String id;
    private final Connection connection;
    private final Engine engine;
    private final TokenBucket bucket;
    private final Map<ChannelName, Subscription> subscriptions = new java.util.concurrent.ConcurrentHashMap<>(4);
    private State state = State.AWAITING_AUTH;
    private UUID player;
    private Instant expiresAt;
    private Runnable expiryTimer;
    private Runnable authTimer;
    private int strikes;

    Client(String id, Connection connection, Engine engine) {
        this.id = id;
        this.connection = connection;
        this.engine = engine;
        this.bucket = new TokenBucket(engine.limits().ratePerSecond(), engine.limits().rateBurst(), System.nanoTime());
    }

    public String id() {
        return id;
    }

    public Connection connection() {
        return connection;
    }

    boolean isSubscribed(ChannelName channel) {
        // Read from another thread for presence refreshes; a stale answer only delays one refresh.
        return state == State.CONNECTED && subscriptions.containsKey(channel);
    }

    /** The connection is open: authenticated by the subprotocol token, or waiting for the auth frame. */
    public void onOpen(TokenVerifier.Verified verified) {
        if (verified != null) {
            // The session frame goes first, so a client whose token expires at once still learns who it was.
            connection.send(Frames.session(0, id, verified.playerId(), verified.expiresAt()));
            authenticated(verified);
        } else {
            authTimer = connection.schedule(engine.limits().authTimeout(), () -> {
                if (state == State.AWAITING_AUTH) {
                    connection.close(CloseCodes.UNAUTHORIZED, "no auth frame in time");
                }
            });
        }
    }

    /** A frame that is not a request (not JSON, no id or type): answered with an error (id 0 when unknown). */
    public void onMalformed(long requestId, String why) {
        engine.metrics().messagesIn.increment();
        if (state == State.CLOSED || !admit(requestId)) {
            return;
        }
        engine.metrics().droppedMalformed.increment();
        if (state == State.AWAITING_AUTH) {
            connection.close(CloseCodes.UNAUTHORIZED, "the first frame must be auth");
            return;
        }
        send(Frames.error(requestId, RealtimeErrors.BAD_REQUEST, why));
    }

    public void onRequest(Request r) {
        engine.metrics().messagesIn.increment();
        if (state == State.CLOSED || !admit(r.id())) {
            return;
        }
        if (state == State.AWAITING_AUTH) {
            if (!Request.AUTH.equals(r.type()) || r.token() == null) {
                connection.close(CloseCodes.UNAUTHORIZED, "the first frame must be auth");
                return;
            }
            engine.tokens().verify(r.token()).whenComplete((v, e) -> connection.execute(() -> {
                if (state != State.AWAITING_AUTH) {
                    return;
                }
                if (e != null) {
                    connection.close(CloseCodes.UNAUTHORIZED, "invalid token");
                    return;
                }
                send(Frames.session(r.id(), id, v.playerId(), v.expiresAt()));
                authenticated(v);
            }));
            return;
        }
        switch (r.type()) {
            case Request.SUBSCRIBE -> subscribe(r);
            case Request.UNSUBSCRIBE -> unsubscribe(r);
            case Request.PUBLISH -> publish(r);
            case Request.PRESENCE -> presence(r);
            case Request.HISTORY -> history(r);
            case Request.PING -> send(Frames.result(r.id()));
            case Request.REFRESH -> refresh(r);
            case Request.AUTH -> send(Frames.error(r.id(), RealtimeErrors.ALREADY_AUTHENTICATED));
            default -> send(Frames.error(r.id(), RealtimeErrors.UNKNOWN_REQUEST));
        }
    }

    /** Rate limit: a frame over the limit is answered with an error; persistent offenders are closed. */
    private boolean admit(long requestId) {
        if (bucket.tryTake(System.nanoTime())) {
            strikes = 0;
            return true;
        }
        engine.metrics().droppedRateLimited.increment();
        if (++strikes >= engine.limits().rateStrikes()) {
            connection.close(CloseCodes.RATE_LIMITED, "rate limit exceeded");
        } else {
            send(Frames.error(requestId, RealtimeErrors.RATE_LIMITED));
        }
        return false;
    }

    private void authenticated(TokenVerifier.Verified verified) {
        state = State.CONNECTED;
        player = verified.playerId();
        cancel(authTimer);
        scheduleExpiry(verified.expiresAt());
    }

    private void scheduleExpiry(Instant at) {
        cancel(expiryTimer);
        expiresAt = at;
        checkExpiry();
    }

    /** Closes once the token has expired; a timer that fires early (timers are not exact) waits again. */
    private void checkExpiry() {
        if (state != State.CONNECTED) {
            return;
        }
        Duration left = Duration.between(engine.clock().instant(), expiresAt);
        if (left.isNegative() || left.isZero()) {
            connection.close(CloseCodes.TOKEN_EXPIRED, "token expired");
        } else {
            expiryTimer = connection.schedule(left.plusMillis(1), this::checkExpiry);
        }
    }

    private void refresh(Request r) {
        if (r.token() == null) {
            send(Frames.error(r.id(), RealtimeErrors.BAD_REQUEST, "refresh needs a token"));
            return;
        }
        engine.tokens().verify(r.token()).whenComplete((v, e) -> connection.execute(() -> {
            if (state != State.CONNECTED) {
                return;
            }
            if (e != null || !v.playerId().equals(player)) {
                send(Frames.error(r.id(), RealtimeErrors.TOKEN_INVALID));
                return;
            }
            if (v.expiresAt().isAfter(expiresAt)) {
                scheduleExpiry(v.expiresAt());
            }
            send(Frames.expiry(r.id(), expiresAt));
        }));
    }

    private Optional<ChannelName> channel(Request r) {
        Optional<ChannelName> channel = ChannelName.parse(r.channel());
        if (channel.isEmpty()) {
            send(Frames.error(r.id(), RealtimeErrors.UNKNOWN_CHANNEL));
        }
        return channel;
    }

    private void subscribe(Request r) {
        Optional<ChannelName> parsed = channel(r);
        if (parsed.isEmpty()) {
            return;
        }
        ChannelName channel = parsed.get();
        if (subscriptions.containsKey(channel)) {
            send(Frames.error(r.id(), RealtimeErrors.ALREADY_SUBSCRIBED));
            return;
        }
        if (subscriptions.size() >= engine.limits().maxSubscriptions()) {
            send(Frames.error(r.id(), RealtimeErrors.TOO_MANY_SUBSCRIPTIONS));
            return;
        }
        boolean recover = r.offset() != null && r.epoch() != null;
        Subscription sub = new Subscription();
        subscriptions.put(channel, sub);
        engine.authorize(player, channel).whenComplete((allowed, e) -> connection.execute(() -> {
            if (subscriptions.get(channel) != sub) {
                return;
            }
            if (e != null || !allowed) {
                subscriptions.remove(channel);
                send(Frames.error(r.id(), e != null ? RealtimeErrors.UNAVAILABLE : RealtimeErrors.FORBIDDEN));
                return;
            }
            engine.metrics().subscriptions.incrementAndGet();
            engine.hub().join(channel, this)
                    .thenCompose(v -> recover ? engine.broker().recover(channel, r.offset(), r.epoch())
                            : engine.broker().history(channel, 0))
                    .whenComplete((rec, failure) -> connection.execute(() -> subscribed(r, channel, sub, recover,
                            rec, failure)));
        }));
    }

    private void subscribed(Request r, ChannelName channel, Subscription sub, boolean recover, Broker.Recovery rec,
                            Throwable failure) {
        if (subscriptions.get(channel) != sub) {
            return;
        }
        if (failure != null) {
            drop(channel);
            send(Frames.error(r.id(), RealtimeErrors.UNAVAILABLE));
            return;
        }
        StreamPosition position = rec.position();
        send(Frames.position(r.id(), channel, position, recover ? rec.recovered() : null,
                recover && rec.recovered() ? rec.publications() : null));
        sub.live = true;
        sub.offset = position.offset();
        sub.epoch = position.epoch();
        if (sub.pending != null) {
            for (Publication p : sub.pending) {
                deliverLive(channel, sub, p, Frames.push(channel, p));
            }
            sub.pending = null;
        }
        engine.presence().refresh(channel, List.of(id));
    }

    /** A publication of a channel this client joined; called on the connection thread by the hub. */
    void deliver(ChannelName channel, Publication p, byte[] frame) {
        Subscription sub = subscriptions.get(channel);
        if (sub == null || state != State.CONNECTED) {
            return;
        }
        if (!sub.live) {
            if (sub.pending == null) {
                sub.pending = new ArrayDeque<>();
            }
            if (sub.pending.size() >= engine.limits().maxPendingPerSubscription()) {
                // The subscription could not be set up before its buffer filled: the client would miss
                // messages silently, so it is disconnected and recovers on reconnect instead.
                engine.metrics().droppedPendingOverflow.increment();
                connection.close(CloseCodes.RESUBSCRIBE, "subscription backlog overflow");
                return;
            }
            sub.pending.add(p);
            return;
        }
        deliverLive(channel, sub, p, frame);
    }

    private void deliverLive(ChannelName channel, Subscription sub, Publication p, byte[] frame) {
        if (p.epoch().equals(sub.epoch) && p.offset() <= sub.offset) {
            return; // already sent, in a recovery or before this subscription's position
        }
        sub.offset = p.offset();
        sub.epoch = p.epoch();
        send(frame);
    }

    private void unsubscribe(Request r) {
        Optional<ChannelName> channel = channel(r);
        if (channel.isEmpty()) {
            return;
        }
        if (!subscriptions.containsKey(channel.get())) {
            send(Frames.error(r.id(), RealtimeErrors.NOT_SUBSCRIBED));
            return;
        }
        drop(channel.get());
        send(Frames.result(r.id()));
    }

    private void drop(ChannelName channel) {
        if (subscriptions.remove(channel) != null) {
            engine.metrics().subscriptions.decrementAndGet();
            engine.hub().leave(channel, this);
            engine.presence().remove(channel, id);
        }
    }

    private Optional<ChannelName> subscribedChannel(Request r) {
        Optional<ChannelName> channel = channel(r);
        if (channel.isPresent()) {
            Subscription sub = subscriptions.get(channel.get());
            if (sub == null || !sub.live) {
                send(Frames.error(r.id(), RealtimeErrors.NOT_SUBSCRIBED));
                return Optional.empty();
            }
        }
        return channel;
    }

    private void publish(Request r) {
        Optional<ChannelName> parsed = subscribedChannel(r);
        if (parsed.isEmpty()) {
            return;
        }
        ChannelName channel = parsed.get();
        if (channel.kind() != ChannelName.Kind.CELL || !engine.limits().cellClientPublish()) {
            send(Frames.error(r.id(), RealtimeErrors.PUBLISH_NOT_ALLOWED));
            return;
        }
        if (r.data() == null || !r.data().startsWith("{")) {
            send(Frames.error(r.id(), RealtimeErrors.BAD_REQUEST, "publish needs data, a JSON object"));
            return;
        }
        if (r.data().length() > engine.limits().maxPublishBytes()) {
            send(Frames.error(r.id(), RealtimeErrors.PAYLOAD_TOO_LARGE));
            return;
        }
        // The server names the sender, so a client cannot speak for another player.
        String message = Frames.envelope("client.message", engine.clock().instant(),
                "\"from\":\"" + player + "\",\"id\":\"" + UUID.randomUUID() + "\",\"data\":" + r.data());
        reply(r.id(), engine.broker().publish(channel, message), v -> Frames.result(r.id()));
    }

    private void presence(Request r) {
        subscribedChannel(r).ifPresent(channel ->
                reply(r.id(), engine.presence().count(channel), n -> Frames.presence(r.id(), channel, n)));
    }

    private void history(Request r) {
        subscribedChannel(r).ifPresent(channel -> {
            int limit = r.limit() == null ? engine.limits().historyLimit()
                    : Math.max(0, Math.min(r.limit(), engine.limits().historyLimit()));
            reply(r.id(), engine.broker().history(channel, limit),
                    rec -> Frames.position(r.id(), channel, rec.position(), null, rec.publications()));
        });
    }

    private <T> void reply(long requestId, CompletionStage<T> stage, java.util.function.Function<T, byte[]> frame) {
        stage.whenComplete((value, e) -> connection.execute(() -> {
            if (state == State.CONNECTED) {
                send(e == null ? frame.apply(value) : Frames.error(requestId, RealtimeErrors.UNAVAILABLE));
            }
        }));
    }

    private void send(byte[] frame) {
        if (connection.send(frame)) {
            engine.metrics().messagesOut.increment();
        }
    }

    /** Closes for a restart (drain, lost subscriptions) with a jittered reconnect hint. */
    public void closeForRestart(int code, String reason, long reconnectAfterMs) {
        if (state == State.CLOSED) {
            return;
        }
        connection.send(Frames.disconnect(code, reason, reconnectAfterMs));
        connection.close(code, reason + "; reconnect after " + reconnectAfterMs + " ms");
    }

    /** The connection is gone: leave every channel. */
    public void onClosed() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        cancel(authTimer);
        cancel(expiryTimer);
        for (ChannelName channel : List.copyOf(subscriptions.keySet())) {
            drop(channel);
        }
        engine.unregister(this);
    }

    private static void cancel(Runnable timer) {
        if (timer != null) {
            timer.run();
        }
    }
}
