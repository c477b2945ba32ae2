package ore.realtime.adapter.in.ws;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import ore.realtime.app.Client;
import ore.realtime.domain.CloseCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns WebSocket frames into calls on the connection's {@link Client}. Text frames are requests;
 * binary and fragmented frames close the connection with 1003; oversized frames are refused by the
 * decoder with 1009 before they reach this handler. Heartbeats: when nothing was read for one
 * heartbeat interval the server pings; when nothing (not even the pong) arrives for another, the
 * connection is closed as idle.
 */
final class WsFrameHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(WsFrameHandler.class);

    private final Client client;
    private final NettyConnection connection;
    private boolean pinged;

    WsFrameHandler(Client client, NettyConnection connection) {
        this.client = client;
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        pinged = false;
        if (!(msg instanceof WebSocketFrame frame)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            switch (frame) {
                case TextWebSocketFrame text when text.isFinalFragment() -> request(text.text());
                case TextWebSocketFrame text -> connection.close(CloseCodes.UNSUPPORTED_DATA,
                        "fragmented messages are not supported");
                case ContinuationWebSocketFrame c -> connection.close(CloseCodes.UNSUPPORTED_DATA,
                        "fragmented messages are not supported");
                case BinaryWebSocketFrame b -> connection.close(CloseCodes.UNSUPPORTED_DATA,
                        "binary frames are not supported; send JSON text");
                case PingWebSocketFrame ping -> ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
                case PongWebSocketFrame pong -> { }
                case CloseWebSocketFrame close -> connection.close(1000, "");
                default -> { }
            }
        } finally {
            frame.release();
        }
    }

    private void request(String text) {
        try {
            client.onRequest(FrameCodec.parse(text));
        } catch (FrameCodec.Malformed e) {
            client.onMalformed(e.id(), e.getMessage());
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
            if (pinged) {
                connection.close(CloseCodes.IDLE_TIMEOUT, "idle timeout");
            } else {
                pinged = true;
                ctx.writeAndFlush(new PingWebSocketFrame());
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        client.onClosed();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Protocol violations (oversized frame, bad UTF-8, unmasked frame) were already answered with
        // a close frame by the decoder; anything else is a broken connection. Neither deserves a stack.
        if (cause instanceof CorruptedFrameException) {
            LOG.debug("Protocol violation on {}: {}", ctx.channel().id(), cause.getMessage());
        } else {
            LOG.debug("Connection {} failed: {}", ctx.channel().id(), cause.toString());
        }
        ctx.close();
    }
}
