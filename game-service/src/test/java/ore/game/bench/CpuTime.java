package ore.game.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time used by the processes of the benchmark (Linux {@code /proc}), so the cost of one mine can
 * be read even when other work shares the machine: wall-clock figures suffer from it, CPU time much
 * less. Groups: the game-service process, this load generator (with the in-process Kafka broker and
 * the stubs), PostgreSQL (all its processes), Redis, and everything else.
 */
final class CpuTime {

    private static final double TICKS_PER_SECOND = 100.0;

    private CpuTime() {
    }

    static Map<String, Long> snapshot(long servicePid) {
        var ticks = new LinkedHashMap<String, Long>();
        for (String g : new String[] {"game-service", "load generator", "postgres", "redis", "other"}) {
            ticks.put(g, 0L);
        }
        long self = ProcessHandle.current().pid();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    int close = stat.lastIndexOf(')');
                    String name = stat.substring(stat.indexOf('(') + 1, close);
                    String[] f = stat.substring(close + 2).split(" ");
                    long used = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    long pid = Long.parseLong(p.getFileName().toString());
                    String group = pid == servicePid ? "game-service" : pid == self ? "load generator"
                            : name.startsWith("postgres") ? "postgres" : name.startsWith("redis") ? "redis" : "other";
                    ticks.merge(group, used, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the process ended meanwhile
                }
            });
        } catch (IOException e) {
            return Map.of();
        }
        return ticks;
    }

    /** Milliseconds of CPU {@code group} spent per unit of work between two snapshots. */
    static double perUnit(Map<String, Long> before, Map<String, Long> after, String group, long units) {
        if (before.isEmpty() || units == 0) {
            return Double.NaN;
        }
        return (after.get(group) - before.getOrDefault(group, 0L)) * 1000 / TICKS_PER_SECOND / units;
    }

    static void report(Map<String, Long> before, Map<String, Long> after, long mines) {
        if (before.isEmpty() || mines == 0) {
            return;
        }
        var sb = new StringBuilder("CPU ms per mine:");
        after.forEach((group, ticks) -> {
            long delta = ticks - before.getOrDefault(group, 0L);
            if (!group.equals("other") || delta > 0) {
                sb.append(String.format(Locale.ROOT, "  %s %.2f", group, delta * 1000 / TICKS_PER_SECOND / mines));
            }
        });
        System.out.println(sb);
        double total = 0;
        for (String group : after.keySet()) {
            total += perUnit(before, after, group, mines);
        }
        double others = total - perUnit(before, after, "game-service", mines);
        int cores = Runtime.getRuntime().availableProcessors();
        // What the run itself shows of the machine: the rate it could not pass even if the service
        // took no CPU at all, because the other processes here (database, Redis, the generator and its
        // stubs, Kafka) need this much per mine on these cores.
        System.out.printf(Locale.ROOT, "CPU per mine, all processes %.2f ms, all but game-service %.2f ms: "
                + "%d cores cap this run at %.0f mines/s, and at %.0f mines/s if game-service took no CPU%n",
                total, others, cores, cores * 1000 / total, cores * 1000 / others);
    }
}
