package ore.local.service;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import ore.local.Console;
import ore.local.StartupException;

/**
 * Keeps the stack whole once it is up: a service that ends while nobody asked it to (a crash, an
 * out-of-memory exit, a developer's {@code kill}) is started again on the same port with the same
 * settings, as ECS or Kubernetes would replace it, under {@link RestartPolicy}. Meanwhile the router
 * answers 503 for it. Nothing is restarted once the launcher is stopping.
 */
public final class Supervisor {

    /** Starts a fresh process of a service, with the settings of the first start. */
    @FunctionalInterface
    public interface Launch {
        ServiceProcess start(ServiceSpec spec) throws IOException;
    }

    private final ServiceGroup group;
    private final Launch launch;
    private final Console console;
    private final Duration healthTimeout;
    private final RestartPolicy policy;
    private final Clock clock;
    private final BooleanSupplier stopping;
    private final Map<String, Deque<Instant>> restarts = new HashMap<>();

    public Supervisor(ServiceGroup group, Launch launch, Console console, Duration healthTimeout,
                      RestartPolicy policy, Clock clock, BooleanSupplier stopping) {
        this.group = group;
        this.launch = launch;
        this.console = console;
        this.healthTimeout = healthTimeout;
        this.policy = policy;
        this.clock = clock;
        this.stopping = stopping;
    }

    /** Watches every service of the group from now on; one that already ended is restarted at once. */
    public void watchAll() {
        group.processes().forEach(this::watch);
    }

    private void watch(ServiceProcess process) {
        // A platform thread per restart: it waits on a process and sleeps through the back-off.
        process.onExit().thenRun(() -> Thread.ofPlatform().name("restart-" + process.spec().name())
                .start(() -> restart(process)));
    }

    private void restart(ServiceProcess ended) {
        if (stopping.getAsBoolean() || group.isClosed()) {
            return;
        }
        String name = ended.spec().name();
        Optional<Duration> delay;
        synchronized (restarts) {
            delay = policy.nextDelay(restarts.computeIfAbsent(name, n -> new ArrayDeque<>()), clock.instant());
        }
        String how = describe(ended.exitCode());
        if (delay.isEmpty()) {
            console.say(name + " " + how + " after " + policy.maxRestarts() + " restarts within "
                    + policy.window().toMinutes() + " min; not restarting it again (the router answers 503 for it). "
                    + "Its last lines:\n  " + String.join("\n  ", ended.lastLines()));
            return;
        }
        console.say(name + " " + how + "; restarting it in " + delay.get().toMillis() / 1000.0 + " s");
        try {
            Thread.sleep(delay.get());
        } catch (InterruptedException e) {
            return;
        }
        if (stopping.getAsBoolean() || group.isClosed()) {
            return;
        }
        ServiceProcess fresh;
        try {
            fresh = launch.start(ended.spec());
        } catch (IOException e) {
            console.say("could not restart " + name + ": " + e.getMessage());
            return;
        }
        synchronized (restarts) {
            restarts.get(name).addLast(clock.instant());
        }
        if (!group.replace(ended, fresh)) {
            // The launcher began stopping meanwhile: this process is ours to stop.
            closeQuietly(fresh);
            return;
        }
        console.say("restarted " + name + " (pid " + fresh.pid() + ") on port " + fresh.spec().port());
        watch(fresh);
        long t0 = System.nanoTime();
        // Closed right after, like the start-up check: an idle keep-alive connection would hold the
        // service's graceful shutdown at Ctrl-C.
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            new HealthCheck(client, healthTimeout).awaitHealthy(fresh);
            console.say(name + " is healthy again (" + String.format("%.1f s", (System.nanoTime() - t0) / 1e9)
                    + " after the restart)");
        } catch (StartupException e) {
            if (!stopping.getAsBoolean() && !group.isClosed()) {
                console.say("restarted " + name + " is not healthy: " + e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** "exited with code 1", or for a signal "ended by signal 9 (exit code 137)". */
    static String describe(Integer exitCode) {
        if (exitCode == null) {
            return "ended";
        }
        if (exitCode > 128 && exitCode < 160) {
            return "ended by signal " + (exitCode - 128) + " (exit code " + exitCode + ")";
        }
        return "exited with code " + exitCode;
    }

    private static void closeQuietly(ServiceProcess process) {
        try {
            process.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
