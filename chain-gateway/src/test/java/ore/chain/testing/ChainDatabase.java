package ore.chain.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ore.testkit.OreInfra;
import ore.testkit.PgDatabase;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * A fresh database of the test kit with chain-gateway's Flyway migrations applied (schema
 * {@code chain}), for adapter tests without the whole service. {@link #connect} opens a pool of its
 * own each time, as another gateway instance would; {@link #close} closes them all.
 */
public final class ChainDatabase implements AutoCloseable {

    private static final Pattern HOST_PORT = Pattern.compile("^jdbc:postgresql://([^/:?]+)(?::(\\d+))?(/.*)$");

    private final PgDatabase db;
    private final List<HikariDataSource> pools = new ArrayList<>();

    private ChainDatabase(PgDatabase db) {
        this.db = db;
    }

    public static ChainDatabase create() {
        ChainDatabase d = new ChainDatabase(OreInfra.postgres());
        Flyway.configure().dataSource(d.db.jdbcUrl(), d.db.user(), d.db.password())
                .schemas("chain").defaultSchema("chain").createSchemas(true)
                .locations("classpath:db/migration").load().migrate();
        return d;
    }

    /** A new pool of {@code size} connections on the database, as a gateway instance has. */
    public DSLContext connect(int size) {
        return connect(db.jdbcUrl(), size);
    }

    /** The same, through a {@link TcpProxy} in front of the database server (to cut it off). */
    public DSLContext connectThrough(TcpProxy proxy, int size) {
        Matcher m = HOST_PORT.matcher(db.jdbcUrl());
        if (!m.matches()) {
            throw new IllegalStateException("cannot proxy " + db.jdbcUrl());
        }
        String proxied = "jdbc:postgresql://127.0.0.1:" + proxy.port() + m.group(3);
        return connect(proxied, size);
    }

    /** The port the database server listens on (for a {@link TcpProxy}). */
    public int serverPort() {
        Matcher m = HOST_PORT.matcher(db.jdbcUrl());
        if (!m.matches()) {
            throw new IllegalStateException("no port in " + db.jdbcUrl());
        }
        return m.group(2) == null ? 5432 : Integer.parseInt(m.group(2));
    }

    private synchronized DSLContext connect(String url, int size) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        c.setUsername(db.user());
        c.setPassword(db.password());
        c.setMaximumPoolSize(size);
        c.setMinimumIdle(0);
        c.setConnectionTimeout(1000);
        c.setValidationTimeout(500);
        c.setInitializationFailTimeout(-1);
        c.addDataSourceProperty("socketTimeout", "5");
        c.addDataSourceProperty("connectTimeout", "2");
        HikariDataSource ds = new HikariDataSource(c);
        pools.add(ds);
        return DSL.using(ds, SQLDialect.POSTGRES, new Settings().withExecuteLogging(false));
    }

    @Override
    public synchronized void close() {
        pools.forEach(HikariDataSource::close);
        pools.clear();
    }
}
