package ore.local;

import java.util.ArrayList;
import java.util.List;

/** The table printed once the stack is up: what runs where, so a developer can copy URLs from it. */
public final class Summary {

    public record Row(String component, String endpoint, String status) {
    }

    private final List<Row> rows = new ArrayList<>();

    public Summary add(String component, String endpoint, String status) {
        rows.add(new Row(component, endpoint, status));
        return this;
    }

    public List<String> lines() {
        int c1 = "component".length();
        int c2 = "endpoint".length();
        for (Row row : rows) {
            c1 = Math.max(c1, row.component().length());
            c2 = Math.max(c2, row.endpoint().length());
        }
        String format = "  %-" + c1 + "s  %-" + c2 + "s  %s";
        List<String> lines = new ArrayList<>();
        lines.add(String.format(format, "component", "endpoint", "status").stripTrailing());
        lines.add(String.format(format, "-".repeat(c1), "-".repeat(c2), "-".repeat(6)));
        for (Row row : rows) {
            lines.add(String.format(format, row.component(), row.endpoint(), row.status()).stripTrailing());
        }
        return lines;
    }
}
