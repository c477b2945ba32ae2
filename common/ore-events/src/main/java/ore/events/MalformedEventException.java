package ore.events;

/**
 * A record value that is not a valid event envelope, or a payload that does not bind to the type
 * asked for. Consumers log it (without the value) and skip or dead-letter the record: retrying
 * cannot fix it, and throwing out of the poll loop would stop the partition for good.
 */
public final class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
