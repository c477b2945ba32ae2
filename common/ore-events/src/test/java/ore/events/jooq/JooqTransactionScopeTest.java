package ore.events.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import ore.events.testing.OutboxDatabase;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared transaction scope against a real PostgreSQL: joining, rollback, which failures run again. */
class JooqTransactionScopeTest {

    private static OutboxDatabase db;
    private static JooqTransactionScope transactions;

    @BeforeAll
    static void database() {
        db = OutboxDatabase.create("tx_scope_test");
        db.dsl().execute("create table tx_scope_test.note (text varchar(40) not null)");
        db.dsl().execute("create table tx_scope_test.code (code int not null, "
                + "constraint code_unique unique (code) deferrable initially deferred)");
        transactions = new JooqTransactionScope(db.dsl()) { };
    }

    @BeforeEach
    void empty() {
        db.dsl().execute("truncate tx_scope_test.note, tx_scope_test.code");
    }

    private static void write(String text) {
        transactions.dsl().execute("insert into tx_scope_test.note (text) values (?)", text);
    }

    private static int notes() {
        return db.dsl().fetchCount(DSL.table(DSL.name("tx_scope_test", "note")));
    }

    /** Fails the current transaction the way PostgreSQL does under SERIALIZABLE or in a deadlock. */
    private static void failWith(String sqlState) {
        transactions.dsl().execute("do $$ begin raise exception 'injected' using errcode = '" + sqlState + "'; end $$");
    }

    @Test
    void aNestedCallJoinsTheOuterTransactionAndFallsWithIt() {
        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            DSLContext outer = transactions.requireTransaction();
            transactions.inTransaction(() -> {
                assertThat(transactions.requireTransaction()).isSameAs(outer);
                write("inner");
                return null;
            });
            throw new IllegalStateException("the outer work fails");
        })).hasMessage("the outer work fails");
        assertThat(notes()).as("the inner write was rolled back with the outer transaction").isZero();
    }

    @Test
    void serializationFailuresAndDeadlocksRunTheWholeWorkAgain() {
        AtomicInteger attempts = new AtomicInteger();
        String result = transactions.inTransaction(() -> {
            write("attempt " + attempts.incrementAndGet());
            if (attempts.get() == 1) {
                failWith("40001");
            } else if (attempts.get() == 2) {
                failWith("40P01");
            }
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(attempts).hasValue(3);
        assertThat(db.dsl().fetchValue("select string_agg(text, ',') from tx_scope_test.note")).isEqualTo("attempt 3");
    }

    @Test
    void givesUpAfterThreeAttempts() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> transactions.run(() -> {
            attempts.incrementAndGet();
            failWith("40001");
        })).isInstanceOfSatisfying(DataAccessException.class, e -> assertThat(e.sqlState()).isEqualTo("40001"));
        assertThat(attempts).hasValue(3);
    }

    @Test
    void otherFailuresAreNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> transactions.run(() -> {
            attempts.incrementAndGet();
            write("x".repeat(41));
        })).isInstanceOf(DataAccessException.class);
        assertThat(attempts).hasValue(1);
        assertThat(JooqTransactionScope.uniqueViolation(new DataAccessException("x"))).isFalse();
    }

    @Test
    void aFailureAtCommitIsADataAccessExceptionWithItsSqlStateAndNothingIsKept() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> transactions.run(() -> {
            attempts.incrementAndGet();
            write("before the commit");
            // a deferred check: both inserts succeed, the commit fails
            transactions.dsl().execute("insert into tx_scope_test.code (code) values (1), (1)");
        })).isInstanceOfSatisfying(DataAccessException.class,
                e -> assertThat(JooqTransactionScope.uniqueViolation(e)).as(e.getMessage()).isTrue());
        assertThat(attempts).hasValue(1);
        assertThat(notes()).isZero();
        // the connection went back to the pool in auto-commit mode
        write("after");
        assertThat(notes()).isEqualTo(1);
    }

    @Test
    void aTransactionDoesNotAskTheDriverForItsIsolationLevel() {
        // pgjdbc answers getTransactionIsolation() with a round trip (SHOW TRANSACTION ISOLATION LEVEL);
        // jOOQ's DefaultTransactionProvider asked at every begin.
        AtomicInteger asked = new AtomicInteger();
        DataSource counting = countingIsolationQueries(db.db().dataSource(), asked);
        var scope = new JooqTransactionScope(DSL.using(counting, SQLDialect.POSTGRES)) { };
        String result = scope.inTransaction(() -> {
            scope.dsl().execute("insert into tx_scope_test.note (text) values ('counted')");
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(notes()).isEqualTo(1);
        assertThat(asked).as("getTransactionIsolation calls").hasValue(0);
    }

    private static DataSource countingIsolationQueries(DataSource real, AtomicInteger asked) {
        return (DataSource) Proxy.newProxyInstance(JooqTransactionScopeTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object value = invoke(real, method, args);
                    if (!(value instanceof Connection connection)) {
                        return value;
                    }
                    return Proxy.newProxyInstance(JooqTransactionScopeTest.class.getClassLoader(),
                            new Class<?>[] {Connection.class}, (p, m, a) -> {
                                if (m.getName().equals("getTransactionIsolation")) {
                                    asked.incrementAndGet();
                                }
                                return invoke(connection, m, a);
                            });
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void outsideATransactionStatementsRunOnThePoolAndRequireTransactionRefuses() {
        write("auto-commit");
        assertThat(notes()).isEqualTo(1);
        assertThatThrownBy(transactions::requireTransaction).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inTransaction");
    }
}
