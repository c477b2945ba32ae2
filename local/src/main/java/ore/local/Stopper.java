package ore.local;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * Turns Ctrl-C (SIGINT) and SIGTERM into an orderly stop on the launcher's main thread, which then
 * ends the JVM with exit code 0: a stop the user asked for is not a failure.
 *
 * <p>A JVM shutdown hook alone would stop everything too, but the JVM then exits with 130 or 143 and
 * runs our hook concurrently with every library's own hooks (the Kafka test kit deletes directories
 * from one). Handling the signals ourselves stops things in our order first. The hook stays, for any
 * other way the JVM ends.
 */
final class Stopper {

    private final Console console;
    private final Resources resources;
    private final AtomicBoolean requested = new AtomicBoolean();
    private final CountDownLatch request = new CountDownLatch(1);
    private volatile Thread mainThread;

    Stopper(Console console, Resources resources) {
        this.console = console;
        this.resources = resources;
    }

    /** @param mainThread interrupted by a signal, so a start-up still waiting on something ends at once */
    void install(Thread mainThread) {
        this.mainThread = mainThread;
        Signal.handle(new Signal("INT"), this::onSignal);
        Signal.handle(new Signal("TERM"), this::onSignal);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!resources.isClosing()) {
                resources.closeAll();
            }
        }, "ore-local-stop-hook"));
    }

    boolean requested() {
        return requested.get();
    }

    /** Blocks until a signal asks the stack to stop. */
    void awaitRequest() {
        while (true) {
            try {
                request.await();
                return;
            } catch (InterruptedException e) {
                // Only a signal interrupts the main thread; it counts the latch down right after.
            }
        }
    }

    /** Stops everything in order and ends the JVM with 0. Runs on the main thread. */
    void stopAndExit() {
        Thread.interrupted(); // the signal's interrupt has done its work; closing must not be cut short
        console.say("stopping");
        try {
            resources.closeAll();
            console.say("stopped");
        } finally {
            System.exit(0); // even if closing failed: what could be stopped was, the rest dies with the JVM
        }
    }

    private void onSignal(Signal signal) {
        if (!requested.compareAndSet(false, true)) {
            console.say("still stopping (each service gets up to 20 s, then it is killed)");
            return;
        }
        console.say("SIG" + signal.getName() + " received");
        // Interrupt first, then release: the main thread clears its interrupt when it starts closing,
        // and an interrupt landing after that (the other order) cut the closing short and left
        // services still stopping behind the launcher.
        mainThread.interrupt();
        request.countDown();
    }
}
