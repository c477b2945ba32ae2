package ore.events.jooq;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DefaultConnectionProvider;

/**
 * One database transaction on a connection of the pool, with a jOOQ context bound to it: BEGIN with
 * the work's first statement, COMMIT when the work returns, ROLLBACK when it throws (the work's own
 * exception is rethrown as it is; a failed COMMIT, such as a deferred check or a serialization
 * failure, comes back as a {@link DataAccessException} carrying the SQL state).
 *
 * <p>Why not jOOQ's {@code transactionResult}: its {@code DefaultTransactionProvider} reads the
 * connection's isolation level at every begin (to restore it later), and PostgreSQL's driver answers
 * {@code getTransactionIsolation()} with a round trip ({@code SHOW TRANSACTION ISOLATION LEVEL}): one
 * extra round trip in every transaction (one of a mine's eight in game-service, seen in a JFR
 * recording of its benchmark). These
 * transactions never change the isolation level or the read-only flag, so there is nothing to restore.
 */
public final class JdbcTransaction {

    private JdbcTransaction() {
    }

    public static <T> T run(DSLContext pool, Function<DSLContext, T> work) {
        return pool.connectionResult(connection -> inside(pool, connection, work));
    }

    private static <T> T inside(DSLContext pool, Connection connection, Function<DSLContext, T> work)
            throws SQLException {
        connection.setAutoCommit(false);
        T result;
        try {
            result = work.apply(pool.configuration().derive(new DefaultConnectionProvider(connection)).dsl());
        } catch (RuntimeException | Error e) {
            rollback(connection, e);
            throw e;
        }
        try {
            connection.commit();
        } catch (SQLException e) {
            var failure = new DataAccessException("Cannot commit transaction: " + e.getMessage(), e);
            rollback(connection, failure);
            throw failure;
        }
        connection.setAutoCommit(true);
        return result;
    }

    /** Rolls back and returns the connection to auto-commit; what fails on the way stays with {@code cause}. */
    private static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
