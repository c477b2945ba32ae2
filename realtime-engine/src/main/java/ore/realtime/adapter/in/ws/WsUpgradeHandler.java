package ore.realtime.adapter.in.ws;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import ore.realtime.app.Client;
import ore.realtime.app.Engine;
import ore.realtime.app.EngineMetrics;
import ore.realtime.app.Frames;
import ore.realtime.app.port.TokenVerifier;
import ore.realtime.config.ConnectionSettings;

/**
 * Sits right behind Micronaut's HTTP codec and takes over {@code GET /ws} upgrade requests; every
 * other request passes on to Micronaut untouched. An upgrade is checked (draining, Origin,
 * connection cap, subprotocols), the token is verified when it came as {@code bearer.<token>}
 * subprotocol, then the channel is handed over: Micronaut's HTTP handlers are removed and the
 * WebSocket pipeline (decoder with the frame-size cap, heartbeat, flush consolidation,
 * {@link WsFrameHandler}) takes their place. This keeps one port and one process for HTTP and
 * WebSocket while a connection costs only what Netty itself needs.
 */
final class WsUpgradeHandler extends ChannelInboundHandlerAdapter {

    static final String NAME = "ore-ws-upgrade";
    static final String CODEC = "http-server-codec";
    private static final String BEARER = "bearer.";

    private final Engine engine;
    private final ConnectionSettings settings;
    private final EngineMetrics metrics;
    private final Set<String> origins;
    private boolean swallow;

    WsUpgradeHandler(Engine engine, ConnectionSettings settings, EngineMetrics metrics, Set<String> origins) {
        this.engine = engine;
        this.settings = settings;
        this.metrics = metrics;
        this.origins = origins;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (swallow && msg instanceof HttpContent) {
            swallow = !(msg instanceof LastHttpContent);
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request && isUpgrade(request)) {
            swallow = !(msg instanceof LastHttpContent);
            var copy = new DefaultFullHttpRequest(request.protocolVersion(), request.method(), request.uri(),
                    Unpooled.EMPTY_BUFFER, request.headers().copy(), EmptyHttpHeaders.INSTANCE);
            ReferenceCountUtil.release(msg);
            ctx.channel().config().setAutoRead(false);
            upgrade(ctx, copy);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private boolean isUpgrade(HttpRequest request) {
        String uri = request.uri();
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        return HttpMethod.GET.equals(request.method()) && (path.equals(settings.path()) || path.equals(settings.path() + "/"))
                && request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    private void upgrade(ChannelHandlerContext ctx, DefaultFullHttpRequest request) {
        if (engine.isDraining()) {
            refuse(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "shutting down; reconnect to another instance");
            return;
        }
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (origin != null && !origins.contains(origin.toLowerCase(Locale.ROOT))) {
            refuse(ctx, HttpResponseStatus.FORBIDDEN, "origin not allowed");
            return;
        }
        if (engine.connectionCount() >= settings.maxConnections()) {
            refuse(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "instance full; reconnect");
            return;
        }
        List<String> protocols = new ArrayList<>();
        for (String header : request.headers().getAll(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL)) {
            for (String p : header.split(",")) {
                if (!p.isBlank()) {
                    protocols.add(p.trim());
                }
            }
        }
        if (!protocols.isEmpty() && !protocols.contains(Frames.VERSION)) {
            refuse(ctx, HttpResponseStatus.BAD_REQUEST, "unsupported subprotocol; offer " + Frames.VERSION);
            return;
        }
        String token = protocols.stream().filter(p -> p.startsWith(BEARER)).findFirst()
                .map(p -> p.substring(BEARER.length())).orElse(null);
        if (token == null) {
            handshake(ctx, request, !protocols.isEmpty(), null);
            return;
        }
        engine.tokenVerifier().verify(token).whenComplete((verified, e) -> ctx.executor().execute(() -> {
            if (e != null) {
                refuse(ctx, HttpResponseStatus.UNAUTHORIZED, "invalid token");
            } else {
                handshake(ctx, request, true, verified);
            }
        }));
    }

    private void handshake(ChannelHandlerContext ctx, DefaultFullHttpRequest request, boolean withProtocol,
                           TokenVerifier.Verified verified) {
        var channel = ctx.channel();
        if (!channel.isActive()) {
            return;
        }
        var decoder = WebSocketDecoderConfig.newBuilder().maxFramePayloadLength(settings.maxFrameBytes())
                .allowExtensions(false).allowMaskMismatch(false).closeOnProtocolViolation(true).withUTF8Validator(true)
                .build();
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(settings.path(),
                withProtocol ? Frames.VERSION : null, decoder).newHandshaker(request);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(channel);
            channel.close();
            return;
        }
        var connection = new NettyConnection(channel, metrics);
        Client client = engine.open(connection);
        if (client == null) {
            refuse(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "shutting down; reconnect to another instance");
            return;
        }
        ChannelPipeline pipeline = channel.pipeline();
        // Micronaut's HTTP handlers have no business on a WebSocket: remove everything but the codec
        // (the handshake replaces it) and this handler (removed once the handshake is written).
        for (String name : pipeline.names()) {
            if (!name.equals(CODEC) && !name.equals(NAME) && !name.equals("ssl") && pipeline.get(name) != null) {
                pipeline.remove(name);
            }
        }
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(settings.outboundQueueBytes() / 2,
                settings.outboundQueueBytes()));
        long heartbeat = settings.heartbeat().toMillis();
        pipeline.addLast("ws-idle", new IdleStateHandler(heartbeat, 0, 0, TimeUnit.MILLISECONDS));
        pipeline.addLast("ws-flush", new FlushConsolidationHandler(256, true));
        pipeline.addLast("ws-frames", new WsFrameHandler(client, connection));
        handshaker.handshake(channel, request).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                channel.close();
                return;
            }
            pipeline.remove(this);
            client.onOpen(verified);
            channel.config().setAutoRead(true);
        });
    }

    private void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String message) {
        FullHttpResponse response = new DefaultFullHttpResponse(io.netty.handler.codec.http.HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(message, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
