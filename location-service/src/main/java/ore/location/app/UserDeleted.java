package ore.location.app;

import java.time.Instant;
import java.util.UUID;

/** Payload of auth-service's {@code UserDeleted} on {@code ore.user.lifecycle} (key: user id). */
public record UserDeleted(UUID userId, Instant requestedAt) {

    public static final String TOPIC = "ore.user.lifecycle";
    public static final String TYPE = "UserDeleted";
}
