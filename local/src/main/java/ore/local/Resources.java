package ore.local;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Everything the launcher started, closed in reverse order of start: the router first (stop taking
 * requests), then the services (they still need their infrastructure while they shut down), then
 * Kafka, Redis and PostgreSQL. Closing twice is harmless, so the shutdown hook and a failed start can
 * both call {@link #closeAll()}.
 */
public final class Resources {

    private record Named(String name, AutoCloseable resource) {
    }

    private final Deque<Named> started = new ArrayDeque<>();
    private final Deque<Named> closedFirst = new ArrayDeque<>();
    private final Console console;
    private boolean closing;

    public Resources(Console console) {
        this.console = console;
    }

    /**
     * Takes ownership of a started resource. When shutdown has already begun (Ctrl-C during start-up),
     * the resource is closed at once instead, so nothing started late outlives the launcher.
     */
    public synchronized <T extends AutoCloseable> T add(String name, T resource) {
        if (closing) {
            closeOne(new Named(name, resource));
            throw new IllegalStateException("shutting down");
        }
        started.push(new Named(name, resource));
        return resource;
    }

    /**
     * Like {@link #add}, but closed before everything else whenever it was started: for the router,
     * which binds its port first (so a second launcher fails fast) yet must stop taking requests first.
     */
    public synchronized <T extends AutoCloseable> T addClosedFirst(String name, T resource) {
        if (closing) {
            closeOne(new Named(name, resource));
            throw new IllegalStateException("shutting down");
        }
        closedFirst.push(new Named(name, resource));
        return resource;
    }

    public synchronized boolean isClosing() {
        return closing;
    }

    public synchronized void closeAll() {
        closing = true;
        while (!closedFirst.isEmpty()) {
            closeOne(closedFirst.pop());
        }
        while (!started.isEmpty()) {
            closeOne(started.pop());
        }
    }

    private void closeOne(Named next) {
        long t0 = System.nanoTime();
        try {
            next.resource().close();
            console.say("stopped " + next.name() + " (" + (System.nanoTime() - t0) / 1_000_000 + " ms)");
        } catch (Exception e) {
            // Keep going: one component failing to stop must not leave the others running.
            console.say("stopping " + next.name() + " failed: " + e);
        }
    }
}
