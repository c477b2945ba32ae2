package ore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class PostgresTest {

    @Test
    void everyCallGivesItsOwnWritableDatabase() throws SQLException {
        PgDatabase a = OreInfra.postgres();
        PgDatabase b = OreInfra.postgres();

        assertThat(a.name()).isNotEqualTo(b.name()).startsWith("ore_t_");
        assertThat(a.jdbcUrl()).endsWith("/" + a.name());
        createTableAndCheckDatabase(a);
        createTableAndCheckDatabase(b);
    }

    @Test
    void dataSourceReachesTheSameDatabase() throws SQLException {
        PgDatabase db = OreInfra.postgres();
        try (Connection c = db.dataSource().getConnection();
             var rs = c.createStatement().executeQuery("select current_database()")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(db.name());
        }
    }

    @Test
    void adminUrlOptionsAreKeptWhenTheDatabaseIsSwapped() {
        assertThat(PostgresProvider.withDatabase("jdbc:postgresql://h:5432/postgres?sslmode=require", "x"))
                .isEqualTo("jdbc:postgresql://h:5432/x?sslmode=require");
        assertThat(PostgresProvider.withDatabase("jdbc:postgresql://h1:5432,h2:5432/", "x"))
                .isEqualTo("jdbc:postgresql://h1:5432,h2:5432/x");
        assertThat(PostgresProvider.withDatabase("jdbc:postgresql://h", "x")).isEqualTo("jdbc:postgresql://h/x");
    }

    private static void createTableAndCheckDatabase(PgDatabase db) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             var st = c.createStatement()) {
            st.execute("create table t (id int primary key)");
            st.execute("insert into t values (1)");
            try (var rs = st.executeQuery("select current_database(), count(*) from t")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(db.name());
                assertThat(rs.getInt(2)).isEqualTo(1);
            }
        }
    }
}
