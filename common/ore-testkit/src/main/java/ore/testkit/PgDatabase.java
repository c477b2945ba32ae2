package ore.testkit;

import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh, empty PostgreSQL database that belongs to one test class. It is dropped when the test
 * JVM exits; nothing else ever uses it, so a test may create any schema it likes.
 */
public record PgDatabase(String jdbcUrl, String user, String password, String name) {

    /** A non-pooling data source for the database, enough for tests that build jOOQ or JDBC by hand. */
    public DataSource dataSource() {
        var ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl);
        ds.setUser(user);
        ds.setPassword(password);
        return ds;
    }
}
