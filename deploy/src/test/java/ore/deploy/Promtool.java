package ore.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** promtool's exit code and output (stdout and stderr together). */
record Promtool(int exitCode, String output) {

    /**
     * Runs promtool in the folder given (rule_files in a test file are relative to it) on the calling
     * platform thread, its output to a temporary file, for at most 60 s. No promtool on the PATH is a
     * failure, never a skip.
     */
    static Promtool run(Path directory, String... args) {
        List<String> command = new ArrayList<>();
        command.add("promtool");
        command.addAll(List.of(args));
        Path log = null;
        try {
            log = Files.createTempFile("promtool", ".log");
            Process process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in 60 s:\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Promtool(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("promtool is needed on the PATH to check the alert rules and dashboards "
                    + "(Debian/Ubuntu package prometheus; .ci/run installs it): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException ignored) {
                    // a temporary file; the OS cleans up
                }
            }
        }
    }
}
