package ore.game.domain.mining;

import java.util.regex.Pattern;
import ore.game.domain.GameErrors;

/**
 * The client's {@code Idempotency-Key}: a fresh random value per attempt (a UUID is fine), sent
 * again unchanged only when retrying that attempt. Keys are scoped to the player.
 */
public record IdempotencyKey(String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{8,64}");

    public IdempotencyKey {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw GameErrors.idempotencyKeyInvalid();
        }
    }

    /** Parses the header value: missing or blank is {@code game.idempotency_key_missing}. */
    public static IdempotencyKey required(String header) {
        if (header == null || header.isBlank()) {
            throw GameErrors.idempotencyKeyMissing();
        }
        return new IdempotencyKey(header);
    }

    /** For endpoints where the key is optional. */
    public static java.util.Optional<IdempotencyKey> optional(String header) {
        return header == null || header.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(new IdempotencyKey(header));
    }
}
