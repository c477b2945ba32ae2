package ore.realtime.app.port;

import java.time.Duration;

/**
 * One client connection as the engine core sees it. Everything about a connection happens on its
 * own thread ({@link #execute}); {@link #send} and {@link #close} must be called there.
 */
public interface Connection {

    /** Queues a text frame. False when the connection is closed or was just closed as a slow consumer. */
    boolean send(byte[] utf8Text);

    /** Sends a close frame with the code and reason, then closes. */
    void close(int code, String reason);

    /** Runs the task on the connection's thread. */
    void execute(Runnable task);

    /**
     * The connection's thread as an executor. Many connections share one; the hub hands a
     * publication to each such thread once, for all its connections, rather than once per connection.
     */
    java.util.concurrent.Executor thread();

    /** Runs the task on the connection's thread after the delay; the result cancels it. */
    Runnable schedule(Duration delay, Runnable task);

    boolean isOpen();
}
