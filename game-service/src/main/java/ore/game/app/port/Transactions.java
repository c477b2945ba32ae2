package ore.game.app.port;

import java.util.function.Supplier;

/**
 * Runs work in one database transaction. Store calls made inside share it; a serialization failure
 * or deadlock makes the whole work run again, so it must have no effects outside the database
 * (events go through {@link EventOutbox}; Redis writes happen after it returns).
 */
public interface Transactions {

    <T> T inTransaction(Supplier<T> work);

    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
