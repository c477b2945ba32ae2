package ore.realtime.adapter.in.ws;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import ore.realtime.app.EngineMetrics;
import ore.realtime.app.port.Connection;
import ore.realtime.domain.CloseCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WebSocket connection on a Netty channel; its thread is the channel's event loop. The outbound
 * queue is Netty's own, bounded by the channel's write-buffer high-water mark: once a client lets it
 * fill up (it reads slower than we push), the channel turns unwritable and the client is cut off at
 * the next message instead of growing the heap. No close frame is sent then: it would only queue
 * behind the data the client is not reading.
 */
final class NettyConnection implements Connection {

    private static final Logger LOG = LoggerFactory.getLogger(NettyConnection.class);
    private static final int MAX_REASON_BYTES = 123;

    private final Channel channel;
    private final EngineMetrics metrics;
    private boolean closing;

    NettyConnection(Channel channel, EngineMetrics metrics) {
        this.channel = channel;
        this.metrics = metrics;
    }

    @Override
    public boolean send(byte[] utf8Text) {
        if (closing || !channel.isActive()) {
            return false;
        }
        if (!channel.isWritable()) {
            closing = true;
            metrics.slowConsumerDisconnects.increment();
            LOG.debug("Slow consumer: closing {}", channel.id());
            channel.close();
            return false;
        }
        channel.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(utf8Text)), channel.voidPromise());
        return true;
    }

    @Override
    public void close(int code, String reason) {
        if (closing) {
            return;
        }
        closing = true;
        if (!channel.isActive()) {
            return;
        }
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        String text = bytes.length <= MAX_REASON_BYTES ? reason
                : new String(bytes, 0, MAX_REASON_BYTES, StandardCharsets.UTF_8).replace("\uFFFD", "");
        channel.writeAndFlush(new CloseWebSocketFrame(code, text)).addListener(ChannelFutureListener.CLOSE);
        // A peer that stopped reading never lets the close frame through; do not wait for it forever.
        channel.eventLoop().schedule(() -> {
            channel.close();
        }, 2, TimeUnit.SECONDS);
        if (code == CloseCodes.SLOW_CONSUMER) {
            metrics.slowConsumerDisconnects.increment();
        }
    }

    @Override
    public void execute(Runnable task) {
        if (channel.eventLoop().inEventLoop()) {
            task.run();
        } else {
            channel.eventLoop().execute(task);
        }
    }

    @Override
    public java.util.concurrent.Executor thread() {
        return channel.eventLoop();
    }

    @Override
    public Runnable schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> future = channel.eventLoop().schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public boolean isOpen() {
        return channel.isActive() && !closing;
    }
}
