package ore.local.infra;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a {@code jdbc:postgresql://host:port/database?params} URL the launcher needs: where to
 * probe, and the same server's {@code postgres} database to create the target database from.
 */
public record PgUrl(String host, int port, String database, String query) {

    private static final Pattern URL = Pattern.compile(
            "jdbc:postgresql://(?<host>[^:/?]+)(?::(?<port>\\d+))?/(?<db>[^?/]+)(?:\\?(?<query>.*))?");

    public static PgUrl parse(String jdbcUrl) {
        Matcher m = URL.matcher(jdbcUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a jdbc:postgresql://host[:port]/database URL: " + jdbcUrl);
        }
        int port = m.group("port") == null ? 5432 : Integer.parseInt(m.group("port"));
        return new PgUrl(m.group("host"), port, m.group("db"), m.group("query") == null ? "" : m.group("query"));
    }

    public PgUrl withDatabase(String other) {
        return new PgUrl(host, port, other, query);
    }

    public String jdbc() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + (query.isEmpty() ? "" : "?" + query);
    }
}
