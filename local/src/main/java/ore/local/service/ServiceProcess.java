package ore.local.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import ore.local.Console;

/**
 * One service running as a child JVM. Its stdout and stderr go to the launcher's stdout, each line
 * prefixed with {@code [name] }; the last lines are also kept so a failed start can show why.
 * {@link #close()} asks it to stop (SIGTERM, which runs the service's graceful shutdown) and kills it
 * when it has not stopped in time.
 */
public final class ServiceProcess implements AutoCloseable {

    /** Within ECS's stop timeout for a Spot task, and long enough for a graceful drain. */
    static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final int KEPT_LINES = 40;

    private final ServiceSpec spec;
    private final Process process;
    private final Deque<String> lastLines = new ArrayDeque<>();
    private final Thread forwarder;
    private final Console console;

    private ServiceProcess(ServiceSpec spec, Process process, Console console) {
        this.spec = spec;
        this.process = process;
        this.console = console;
        // A platform thread, never a virtual one: reading a pipe blocks in a native read that pins a
        // virtual thread's carrier. Three such readers on a 2-core machine held every carrier, and the
        // router's virtual threads never ran again (the launcher answered nothing on :8080).
        this.forwarder = Thread.ofPlatform().daemon().name("forward-" + spec.name()).start(() -> forward(console));
    }

    /**
     * @param java the {@code java} executable (the launcher's own, so services run on the same JDK)
     * @param home the repository root; the jar path of {@code spec} is relative to it
     */
    public static ServiceProcess start(ServiceSpec spec, Path java, Path home, Map<String, String> env, Console console)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                java.toString(),
                "--enable-native-access=ALL-UNNAMED", // H3 and Netty use native code (docs/architecture.md)
                "-XX:+UseZGC",
                "-Xmx512m",
                // A service that dies (or that a developer kills) still holds its Kafka partitions
                // until its session times out: 45 s by default, during which its restarted process
                // gets none, and a consumer stopped in the middle of that rebalance waits up to 30 s
                // to close. Locally nothing is flaky enough to need 45 s: 10 s (the broker allows 6).
                "-Dkafka.session.timeout.ms=10000",
                "-jar", home.resolve(spec.jar()).toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(env);
        Process process = builder.start();
        // No stdin for services; closing it keeps a service from ever blocking on a read.
        process.getOutputStream().close();
        return new ServiceProcess(spec, process, console);
    }

    private void forward(Console console) {
        String prefix = "[" + spec.name() + "] ";
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                console.raw(prefix + line);
                synchronized (lastLines) {
                    if (lastLines.size() == KEPT_LINES) {
                        lastLines.removeFirst();
                    }
                    lastLines.addLast(line);
                }
            }
        } catch (IOException e) {
            // The pipe closes when the process ends; nothing more to forward.
        }
    }

    public ServiceSpec spec() {
        return spec;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, when the process has ended. */
    public Integer exitCode() {
        return process.isAlive() ? null : process.exitValue();
    }

    /** Completes when the process ends, for whatever reason. */
    public CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    public List<String> lastLines() {
        synchronized (lastLines) {
            return List.copyOf(lastLines);
        }
    }

    /**
     * SIGTERM (the service's graceful shutdown), then SIGKILL when it has not ended within
     * {@link #STOP_GRACE}; the service's own children, if any, get the same treatment.
     */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            forwarder.join(Duration.ofSeconds(2));
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
            List<String> last = lastLines();
            console.say(spec.name() + " did not stop within " + STOP_GRACE.toSeconds() + " s of SIGTERM; killed. "
                    + "Its last lines:\n  " + String.join("\n  ", last.subList(Math.max(0, last.size() - 10), last.size())));
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        // Let the last lines (the service's shutdown log) reach the console before we go on.
        forwarder.join(Duration.ofSeconds(2));
    }
}
