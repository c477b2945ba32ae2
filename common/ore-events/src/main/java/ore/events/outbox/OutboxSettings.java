package ore.events.outbox;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Outbox settings, {@code ore.outbox.*}.
 *
 * @param enabled      whether this instance runs the relay; writing to the outbox works either way
 *                     (a service that only consumes events sets it to false and still gets
 *                     {@code ProcessedEvents})
 * @param schema       the service's own schema, holding {@code outbox} and {@code processed_event}
 * @param pollInterval pause between polls when the outbox is drained
 * @param batchSize    rows sent per transaction
 * @param sendTimeout  how long to wait for Kafka to acknowledge a batch before rolling it back
 * @param retention    how long published rows are kept (for audits and replays) before deletion
 */
@ConfigurationProperties(OutboxSettings.PREFIX)
@Requires(property = OutboxSettings.PREFIX + ".schema")
public record OutboxSettings(
        @Bindable(defaultValue = "true") boolean enabled,
        String schema,
        @Bindable(defaultValue = "200ms") Duration pollInterval,
        @Bindable(defaultValue = "100") int batchSize,
        @Bindable(defaultValue = "10s") Duration sendTimeout,
        @Bindable(defaultValue = "7d") Duration retention) {

    public static final String PREFIX = "ore.outbox";

    /** A plain SQL identifier: the schema name is part of statements, so it must never need quoting. */
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public OutboxSettings {
        if (schema == null || !IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException(PREFIX + ".schema must be a lower-case SQL identifier "
                    + "([a-z_][a-z0-9_]*, at most 63 characters), got: " + schema);
        }
        requirePositive(pollInterval, "poll-interval");
        requirePositive(sendTimeout, "send-timeout");
        requirePositive(retention, "retention");
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException(PREFIX + ".batch-size must be 1..10000, got: " + batchSize);
        }
    }

    /** The defaults above for {@code schema}; for tests and code that builds the outbox by hand. */
    public static OutboxSettings of(String schema) {
        return new OutboxSettings(true, schema, Duration.ofMillis(200), 100, Duration.ofSeconds(10),
                Duration.ofDays(7));
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(PREFIX + "." + name + " must be a positive duration, got: " + d);
        }
    }
}
