package ore.testkit;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * Finds a PostgreSQL server once per JVM (environment, local server, Testcontainers) and creates a
 * new database on it for every caller. Each database is dropped when the test class that asked for it
 * finishes ({@link ClassScope}); databases that a killed run left behind are swept on first use once
 * they are an hour old (their name carries their creation time).
 */
final class PostgresProvider {

    private static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/?]+)(?:/([^?]*))?(\\?.*)?$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Admin(String url, String user, String password) {
    }

    private static Admin admin;
    private static RuntimeException failure;
    static final String PREFIX = "ore_t_";
    /** A run's own databases are younger than this; older ones are leftovers of a killed JVM. */
    static final long SWEEP_AFTER_SECONDS = 3600;
    private static boolean swept;

    private PostgresProvider() {
    }

    static synchronized PgDatabase newDatabase() {
        Admin a = admin();
        if (!swept) {
            swept = true;
            sweepLeftovers(a);
        }
        String name = PREFIX + (System.currentTimeMillis() / 1000) + "_" + HexFormat.of().formatHex(randomBytes());
        try (Connection c = connect(a.url(), a.user(), a.password());
             var st = c.createStatement()) {
            st.execute("CREATE DATABASE \"" + name + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("ore-testkit: CREATE DATABASE " + name + " failed on " + a.url(), e);
        }
        ClassScope.onRelease(() -> drop(a, name));
        return new PgDatabase(withDatabase(a.url(), name), a.user(), a.password(), name);
    }

    /** The creation time (epoch seconds) in a kit database's name, or -1 for a name without one. */
    static long createdAt(String name) {
        var m = Pattern.compile("^" + PREFIX + "(\\d{10})_[0-9a-f]+$").matcher(name);
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /** {@link #sweepLeftovers} on demand, for the kit's own tests. */
    static synchronized void sweepNow() {
        sweepLeftovers(admin());
    }

    /** True when the server has a database of that name. */
    static boolean exists(String name) {
        Admin a = admin();
        try (Connection c = connect(a.url(), a.user(), a.password());
             var st = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            st.setString(1, name);
            try (var rs = st.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("ore-testkit: cannot list databases: " + Env.describe(e), e);
        }
    }

    /** Creates an empty database under an exact name (kit tests: a leftover of an earlier run). */
    static void createNamed(String name) {
        Admin a = admin();
        try (Connection c = connect(a.url(), a.user(), a.password()); var st = c.createStatement()) {
            st.execute("CREATE DATABASE \"" + name + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("ore-testkit: CREATE DATABASE " + name + " failed", e);
        }
    }

    static void dropNamed(String name) {
        drop(admin(), name);
    }

    /**
     * Drops kit databases older than {@link #SWEEP_AFTER_SECONDS} (a JVM that was killed never dropped
     * its own), and ones from before names carried a time, when nobody is connected to them.
     */
    private static void sweepLeftovers(Admin a) {
        long now = System.currentTimeMillis() / 1000;
        List<String> stale = new ArrayList<>();
        try (Connection c = connect(a.url(), a.user(), a.password());
             var st = c.createStatement();
             var rs = st.executeQuery("SELECT d.datname, (SELECT count(*) FROM pg_stat_activity s WHERE s.datname = d.datname)"
                     + " FROM pg_database d WHERE d.datname LIKE '" + PREFIX + "%'")) {
            while (rs.next()) {
                String name = rs.getString(1);
                long created = createdAt(name);
                boolean old = created > 0 ? now - created > SWEEP_AFTER_SECONDS : rs.getLong(2) == 0;
                if (old) {
                    stale.add(name);
                }
            }
        } catch (SQLException e) {
            Env.announce("could not list leftover test databases: " + Env.describe(e));
            return;
        }
        stale.forEach(name -> drop(a, name));
        if (!stale.isEmpty()) {
            Env.announce("dropped " + stale.size() + " test database(s) left by earlier runs");
        }
    }

    /** The same server and options as the admin URL, pointed at another database. */
    static String withDatabase(String adminUrl, String database) {
        var m = URL.matcher(adminUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a jdbc:postgresql:// URL: " + adminUrl);
        }
        return m.group(1) + "/" + database + (m.group(3) == null ? "" : m.group(3));
    }

    private static Admin admin() {
        if (admin != null) {
            return admin;
        }
        if (failure != null) {
            // Every later test class fails the same way, without probing again for seconds.
            throw failure;
        }
        List<String> tried = new ArrayList<>();
        try {
            admin = fromEnv(tried);
            if (admin == null) {
                admin = fromLocalServer(tried);
            }
            if (admin == null) {
                admin = fromTestcontainers(tried);
            }
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        }
        if (admin == null) {
            failure = new InfrastructureUnavailableException("PostgreSQL", tried,
                    "start PostgreSQL 15+ on 127.0.0.1:5432 with trust auth for user 'postgres' "
                            + "(e.g. `sudo service postgresql start`), or start Docker so Testcontainers can run "
                            + "postgres:15, or set ORE_TEST_PG_URL (admin JDBC URL, e.g. "
                            + "jdbc:postgresql://host:5432/postgres), ORE_TEST_PG_USER and ORE_TEST_PG_PASSWORD.");
            throw failure;
        }
        return admin;
    }

    private static Admin fromEnv(List<String> tried) {
        var url = Env.get("ORE_TEST_PG_URL");
        if (url.isEmpty()) {
            tried.add("ORE_TEST_PG_URL: not set");
            return null;
        }
        var a = new Admin(url.get(), Env.get("ORE_TEST_PG_USER").orElse("postgres"),
                Env.get("ORE_TEST_PG_PASSWORD").orElse(""));
        // An explicit setting that does not work is an error, not a reason to fall back silently.
        try (Connection ignored = connect(a.url(), a.user(), a.password())) {
            Env.announce("PostgreSQL from ORE_TEST_PG_URL " + a.url());
            return a;
        } catch (SQLException e) {
            throw new IllegalStateException("ore-testkit: ORE_TEST_PG_URL=" + a.url() + " as user " + a.user()
                    + " is set but does not accept connections: " + Env.describe(e), e);
        }
    }

    private static Admin fromLocalServer(List<String> tried) {
        try (Connection ignored = connect(LOCAL_URL, "postgres", "")) {
            Env.announce("PostgreSQL from local server 127.0.0.1:5432");
            return new Admin(LOCAL_URL, "postgres", "");
        } catch (SQLException e) {
            tried.add("local server 127.0.0.1:5432 as user postgres: " + Env.describe(e));
            return null;
        }
    }

    private static Admin fromTestcontainers(List<String> tried) {
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            docker = false;
        }
        if (!docker) {
            tried.add("Testcontainers postgres:15: no Docker engine available");
            return null;
        }
        var container = new PostgreSQLContainer<>("postgres:15-alpine");
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "ore-testkit-pg-container"));
        Env.announce("PostgreSQL from Testcontainers " + container.getJdbcUrl());
        return new Admin(container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        var props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "2");
        props.setProperty("loginTimeout", "2");
        return DriverManager.getConnection(url, props);
    }

    private static void drop(Admin a, String name) {
        try (Connection c = connect(a.url(), a.user(), a.password());
             var st = c.createStatement()) {
            // FORCE (PostgreSQL 13+) ends connections that a pool of the finished class may still hold.
            st.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
        } catch (SQLException e) {
            Env.announce("could not drop database " + name + ": " + Env.describe(e));
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return b;
    }
}
