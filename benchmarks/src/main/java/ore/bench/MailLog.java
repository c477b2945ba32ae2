package ore.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The e-mail confirmation codes a local auth-service wrote to its log: auth-service creates an
 * account only when the code mailed to its address is confirmed, and a benchmark has no mailbox.
 * The service must run with {@code ORE_AUTH_MAIL_PROVIDER=log} and {@code ORE_AUTH_MAIL_LOG_CODES=true}
 * (local runs only; otherwise the log shows {@code evt_***}). Only what the log gained after this
 * reader was made is read, so codes of an earlier run against the same service are not picked up.
 */
final class MailLog {

    private static final Pattern CODE = Pattern.compile("evt_[A-Za-z0-9_-]{43}");
    private static final Duration POLL = Duration.ofMillis(200);

    private final Path file;
    private final long start;

    MailLog(Path file) throws IOException {
        this.file = file;
        this.start = Files.exists(file) ? Files.size(file) : 0;
    }

    Path file() {
        return file;
    }

    /**
     * The distinct codes written since this reader was made, in log order, once there are
     * {@code expected} of them or {@code wait} has passed (the service logs asynchronously).
     */
    List<String> codes(int expected, Duration wait) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Set<String> codes = read();
            if (codes.size() >= expected || System.nanoTime() >= deadline) {
                return List.copyOf(codes);
            }
            Thread.sleep(POLL);
        }
    }

    private Set<String> read() throws IOException {
        Set<String> codes = new LinkedHashSet<>();
        if (!Files.exists(file)) {
            return codes;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size <= start) {
                return codes;
            }
            ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(size - start));
            channel.read(buffer, start);
            Matcher m = CODE.matcher(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8));
            while (m.find()) {
                codes.add(m.group());
            }
        }
        return codes;
    }
}
