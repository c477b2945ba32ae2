package ore.local.service;

import java.util.ArrayList;
import java.util.List;

/**
 * The running services, stopped together: each gets its SIGTERM at the same moment, so the stack
 * stops within one grace period rather than one per service.
 */
public final class ServiceGroup implements AutoCloseable {

    private final List<ServiceProcess> processes = new ArrayList<>();
    private boolean closed;

    public synchronized void add(ServiceProcess process) {
        processes.add(process);
    }

    /**
     * Puts a restarted process in the place of the one that ended. False once the group is closing:
     * the caller then stops {@code fresh} itself, so no process outlives the launcher.
     */
    public synchronized boolean replace(ServiceProcess ended, ServiceProcess fresh) {
        int index = processes.indexOf(ended);
        if (closed || index < 0) {
            return false;
        }
        processes.set(index, fresh);
        return true;
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    public synchronized List<ServiceProcess> processes() {
        return List.copyOf(processes);
    }

    @Override
    public void close() throws InterruptedException {
        synchronized (this) {
            closed = true;
        }
        List<Thread> stoppers = new ArrayList<>();
        for (ServiceProcess process : processes()) {
            // Platform threads: waiting for a process to end is process I/O (see ServiceProcess).
            stoppers.add(Thread.ofPlatform().name("stop-" + process.spec().name()).start(() -> {
                try {
                    process.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        // Every service is waited for, whatever happens to this thread meanwhile: returning early
        // would leave services behind a launcher that says it stopped them.
        boolean interrupted = false;
        for (Thread stopper : stoppers) {
            while (stopper.isAlive()) {
                try {
                    stopper.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
