package ore.auth.app.port;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/** Single-use SIWE nonces bound to the player who asked for them. */
public interface NonceStore {

    /** A fresh random nonce (alphanumeric, ≥ 16 chars) valid for {@code ttl}. */
    String issue(UUID playerId, Duration ttl);

    /** Removes the nonce and says who it was issued to; empty if unknown, expired or already used. */
    Optional<UUID> consume(String nonce);
}
