package ore.local;

import java.io.PrintStream;

/**
 * The launcher's own lines on stdout, prefixed {@code [local]} so they stand out between the
 * services' forwarded {@code [auth]} lines. One lock for everyone who writes, so lines never interleave.
 */
public final class Console {

    private final PrintStream out;

    public Console(PrintStream out) {
        this.out = out;
    }

    public void say(String line) {
        raw("[local] " + line);
    }

    /** A line printed as given (forwarded child output, the summary table). */
    public void raw(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
