package ore.local.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Pattern;
import ore.local.Console;
import ore.local.Resources;
import ore.local.StartupException;

/**
 * PostgreSQL for the services: the server named by {@code ORE_LOCAL_PG_URL}, else the one on
 * 127.0.0.1:5432, else an embedded one on 5433 whose data stays in {@code .ore-local/pg} between runs.
 * In every case the database of the URL ({@code ore_local} by default) is created when missing; each
 * service migrates its own schema in it at start-up.
 */
public final class LocalPostgres {

    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/ore_local";
    static final int EMBEDDED_PORT = 5433;
    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final LocalEnv env;
    private final Path stateDir;
    private final Console console;

    /** @param stateDir the repository's {@code .ore-local} directory */
    public LocalPostgres(LocalEnv env, Path stateDir, Console console) {
        this.env = env;
        this.stateDir = stateDir;
        this.console = console;
    }

    public Endpoints.Postgres start(Resources resources) throws StartupException {
        String user = env.get("ORE_LOCAL_PG_USER").orElse("postgres");
        String password = env.get("ORE_LOCAL_PG_PASSWORD").orElse("");
        var explicit = env.get("ORE_LOCAL_PG_URL");
        if (explicit.isPresent()) {
            // Named explicitly: falling back to something else would hide the developer's mistake.
            PgUrl url = parse(explicit.get());
            ensureDatabase(url, user, password, "ORE_LOCAL_PG_URL");
            return new Endpoints.Postgres(url.jdbc(), user, password, "ORE_LOCAL_PG_URL");
        }
        PgUrl url = PgUrl.parse(DEFAULT_URL);
        if (env.forcesEmbedded("postgres")) {
            return startEmbedded(resources, url.database(), "ORE_LOCAL_EMBEDDED names postgres");
        }
        if (Probe.answers(url.host(), url.port())) {
            ensureDatabase(url, user, password, "the PostgreSQL on " + url.host() + ":" + url.port());
            return new Endpoints.Postgres(url.jdbc(), user, password, "running server");
        }
        return startEmbedded(resources, url.database(), "nothing answers on 127.0.0.1:5432");
    }

    private Endpoints.Postgres startEmbedded(Resources resources, String database, String why) throws StartupException {
        if ("root".equals(System.getProperty("user.name"))) {
            throw new StartupException(why + ", and the embedded PostgreSQL cannot run as root (initdb and "
                    + "postgres refuse to). Start a PostgreSQL on 5432, point ORE_LOCAL_PG_URL at one, or run "
                    + "the launcher as a normal user.");
        }
        if (Probe.answers("127.0.0.1", EMBEDDED_PORT)) {
            throw new StartupException(why + ", and 127.0.0.1:" + EMBEDDED_PORT
                    + " (the embedded PostgreSQL's port) is taken: a PostgreSQL left over from an earlier run? "
                    + "Stop it, or set ORE_LOCAL_PG_URL=jdbc:postgresql://127.0.0.1:" + EMBEDDED_PORT + "/" + database);
        }
        Path pgDir = stateDir.resolve("pg");
        console.say(why + ": starting an embedded PostgreSQL on " + EMBEDDED_PORT + " (data in " + pgDir + ")");
        EmbeddedPostgres pg;
        try {
            Files.createDirectories(pgDir.resolve("bin"));
            pg = EmbeddedPostgres.builder()
                    .setDataDirectory(pgDir.resolve("data"))
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(pgDir.resolve("bin").toFile())
                    .setPort(EMBEDDED_PORT)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // Resources stops it after the services; its own hook would race them.
                    .setRegisterShutdownHook(false)
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new StartupException("the embedded PostgreSQL did not start: " + rootMessage(e)
                    + " (data directory " + pgDir.resolve("data") + "; delete it to start from scratch)", e);
        }
        resources.add("embedded PostgreSQL", pg);
        PgUrl url = new PgUrl("127.0.0.1", EMBEDDED_PORT, database, "");
        ensureDatabase(url, "postgres", "", "the embedded PostgreSQL");
        return new Endpoints.Postgres(url.jdbc(), "postgres", "", "embedded, data in " + pgDir);
    }

    private static PgUrl parse(String jdbcUrl) throws StartupException {
        try {
            return PgUrl.parse(jdbcUrl);
        } catch (IllegalArgumentException e) {
            throw new StartupException("ORE_LOCAL_PG_URL: " + e.getMessage());
        }
    }

    /** Creates the URL's database from the same server's {@code postgres} database when it is missing. */
    private void ensureDatabase(PgUrl url, String user, String password, String where) throws StartupException {
        String database = url.database();
        if (!PLAIN_IDENTIFIER.matcher(database).matches()) {
            throw new StartupException("database name '" + database + "': use lower-case letters, digits and _");
        }
        try (Connection c = DriverManager.getConnection(url.withDatabase("postgres").jdbc(), user, password);
             PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("create database \"" + database + "\"");
            }
            console.say("created database " + database + " on " + where);
        } catch (SQLException e) {
            if ("42P04".equals(e.getSQLState())) {
                return; // created concurrently: what we wanted
            }
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceAll("\\.+$", "");
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            String hint = state.startsWith("08")
                    ? "Is it running? Point ORE_LOCAL_PG_URL at a server that is, or unset it to use 5432 or the embedded one."
                    : "Set ORE_LOCAL_PG_USER / ORE_LOCAL_PG_PASSWORD to a role allowed to create databases, "
                            + "or ORE_LOCAL_PG_URL to another server.";
            throw new StartupException(where + " (as " + user + "): " + reason + ". " + hint, e);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
