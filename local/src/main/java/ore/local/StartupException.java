package ore.local;

/**
 * A start-up failure with a message written for the developer at the terminal (what is wrong and what
 * to do), printed without a stack trace. Anything else is a bug in the launcher and keeps its trace.
 */
public final class StartupException extends Exception {

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
