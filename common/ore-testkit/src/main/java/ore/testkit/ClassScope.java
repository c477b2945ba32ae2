package ore.testkit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What the kit handed out while a test class ran, released when that class finishes: its PostgreSQL
 * database is dropped and its Redis database lease returned, so a run leaves nothing behind and a
 * long module does not hold fifteen Redis databases at once.
 *
 * <p>{@link OreTestkitListener} opens a scope when a test class starts and closes it when the class
 * finishes (after {@code @AfterAll}, so Micronaut contexts and their pools are closed by then).
 * Resources handed out outside any class (static initialisers, a plain {@code main}) belong to the
 * JVM and are released by a shutdown hook. Classes of one JVM run one after another (surefire's
 * default); nested classes get scopes of their own.
 */
final class ClassScope {

    private static final Deque<List<Runnable>> OPEN = new ArrayDeque<>();
    private static final List<Runnable> JVM = new ArrayList<>();
    private static boolean hookInstalled;

    private ClassScope() {
    }

    static synchronized void open() {
        OPEN.push(new ArrayList<>());
    }

    /** Releases what the innermost class received, newest first; failures are reported, not thrown. */
    static void close() {
        List<Runnable> releases;
        synchronized (ClassScope.class) {
            if (OPEN.isEmpty()) {
                return;
            }
            releases = OPEN.pop();
        }
        runAll(releases);
    }

    /** Registers how to release something just handed out, in the current class or else the JVM. */
    static synchronized void onRelease(Runnable release) {
        if (!OPEN.isEmpty()) {
            OPEN.peek().add(release);
            return;
        }
        JVM.add(release);
        if (!hookInstalled) {
            hookInstalled = true;
            Runtime.getRuntime().addShutdownHook(new Thread(ClassScope::releaseAtExit, "ore-testkit-release"));
        }
    }

    private static void releaseAtExit() {
        List<Runnable> all = new ArrayList<>();
        synchronized (ClassScope.class) {
            OPEN.forEach(all::addAll);
            OPEN.clear();
            all.addAll(JVM);
            JVM.clear();
        }
        runAll(all);
    }

    private static void runAll(List<Runnable> releases) {
        for (int i = releases.size() - 1; i >= 0; i--) {
            try {
                releases.get(i).run();
            } catch (RuntimeException e) {
                Env.announce("releasing a test resource failed: " + Env.describe(e));
            }
        }
    }
}
