package ore.chain.app.port;

import java.util.function.Supplier;

/** Database transactions for the stores and the outbox; nested calls join the outer transaction. */
public interface Transactions {

    <T> T inTransaction(Supplier<T> work);

    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }

    /**
     * Takes the transaction-scoped advisory lock {@code name} if free (released at commit or rollback).
     * Across all instances of the service at most one transaction holds it: the single-writer rule.
     * Must be called inside {@link #inTransaction}.
     */
    boolean tryLock(String name);
}
