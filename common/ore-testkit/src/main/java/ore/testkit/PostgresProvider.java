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
 * new database on it for every caller. Databases are dropped by a shutdown hook, best effort.
 */
final class PostgresProvider {

    private static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/?]+)(?:/([^?]*))?(\\?.*)?$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Admin(String url, String user, String password) {
    }

    private static Admin admin;
    private static RuntimeException failure;
    private static final List<String> created = new ArrayList<>();

    private PostgresProvider() {
    }

    static synchronized PgDatabase newDatabase() {
        Admin a = admin();
        String name = "ore_t_" + HexFormat.of().formatHex(randomBytes());
        try (Connection c = connect(a.url(), a.user(), a.password());
             var st = c.createStatement()) {
            st.execute("CREATE DATABASE \"" + name + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("ore-testkit: CREATE DATABASE " + name + " failed on " + a.url(), e);
        }
        if (created.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(PostgresProvider::dropAll, "ore-testkit-pg-drop"));
        }
        created.add(name);
        return new PgDatabase(withDatabase(a.url(), name), a.user(), a.password(), name);
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

    private static synchronized void dropAll() {
        if (admin == null) {
            return;
        }
        try (Connection c = connect(admin.url(), admin.user(), admin.password());
             var st = c.createStatement()) {
            for (String name : created) {
                try {
                    // FORCE (PostgreSQL 13+) ends connections that pools of still-open test contexts hold.
                    st.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
                } catch (SQLException e) {
                    System.err.println("ore-testkit: could not drop database " + name + ": " + Env.describe(e));
                }
            }
        } catch (SQLException e) {
            System.err.println("ore-testkit: could not drop test databases: " + Env.describe(e));
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return b;
    }
}
