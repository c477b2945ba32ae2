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
    void aDatabaseIsDroppedWhenItsClassEnds() {
        ClassScope.open();
        PgDatabase db = OreInfra.postgres();
        assertThat(PostgresProvider.exists(db.name())).isTrue();
        ClassScope.close();
        assertThat(PostgresProvider.exists(db.name())).isFalse();
    }

    @Test
    void leftoversOlderThanAnHourAreSweptAndRecentOnesKept() {
        long now = System.currentTimeMillis() / 1000;
        String old = PostgresProvider.PREFIX + (now - PostgresProvider.SWEEP_AFTER_SECONDS - 60) + "_0123abcd";
        String recent = PostgresProvider.PREFIX + (now - 60) + "_4567cdef";
        PostgresProvider.createNamed(old);
        PostgresProvider.createNamed(recent);
        try {
            PostgresProvider.sweepNow();
            assertThat(PostgresProvider.exists(old)).as("an hour old: a killed run's").isFalse();
            assertThat(PostgresProvider.exists(recent)).as("a running JVM's").isTrue();
        } finally {
            PostgresProvider.dropNamed(recent);
        }
    }

    @Test
    void theCreationTimeIsReadFromTheName() {
        assertThat(PostgresProvider.createdAt("ore_t_1796141046_0123abcd")).isEqualTo(1796141046L);
        assertThat(PostgresProvider.createdAt("ore_t_0123456789abcdef")).isEqualTo(-1);
        assertThat(PostgresProvider.createdAt("something_else")).isEqualTo(-1);
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
