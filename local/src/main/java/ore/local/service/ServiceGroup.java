package ore.local.service;

import java.util.ArrayList;
import java.util.List;

/**
 * The running services, stopped together: each gets its SIGTERM at the same moment, so the stack
 * stops within one grace period rather than one per service.
 */
public final class ServiceGroup implements AutoCloseable {

    private final List<ServiceProcess> processes = new ArrayList<>();

    public synchronized void add(ServiceProcess process) {
        processes.add(process);
    }

    public synchronized List<ServiceProcess> processes() {
        return List.copyOf(processes);
    }

    @Override
    public void close() throws InterruptedException {
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
        for (Thread stopper : stoppers) {
            stopper.join();
        }
    }
}
