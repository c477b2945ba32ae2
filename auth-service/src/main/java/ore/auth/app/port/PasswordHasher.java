package ore.auth.app.port;

/** Slow, salted password hashing. Implementations bound their own concurrency. */
public interface PasswordHasher {

    String hash(String password);

    /** Constant-time comparison; false for malformed hashes. */
    boolean verify(String storedHash, String password);

    /** True when the hash was made with weaker parameters than the current ones. */
    boolean needsRehash(String storedHash);

    /** Spends the same time as a real verification, for requests that have no account to check. */
    void verifyDummy(String password);
}
