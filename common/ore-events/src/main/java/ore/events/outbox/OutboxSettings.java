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
 * @param maxAttempts  failures of a row of its own (Kafka rejects the record) or of its topic (no metadata
 *                     while other topics work) before the row is set aside in {@code outbox_dead_letter}
 * @param retryBackoff how long a topic whose metadata could not be fetched is left out of batches
 */
@ConfigurationProperties(OutboxSettings.PREFIX)
@Requires(property = OutboxSettings.PREFIX + ".schema")
public record OutboxSettings(
        @Bindable(defaultValue = "true") boolean enabled,
        String schema,
        @Bindable(defaultValue = "200ms") Duration pollInterval,
        @Bindable(defaultValue = "100") int batchSize,
        @Bindable(defaultValue = "10s") Duration sendTimeout,
        @Bindable(defaultValue = "7d") Duration retention,
        @Bindable(defaultValue = "5") int maxAttempts,
        @Bindable(defaultValue = "30s") Duration retryBackoff) {

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
        if (maxAttempts < 1) {
            throw new IllegalArgumentException(PREFIX + ".max-attempts must be at least 1, got: " + maxAttempts);
        }
        if (retryBackoff == null || retryBackoff.isNegative()) {
            throw new IllegalArgumentException(PREFIX + ".retry-backoff must not be negative, got: " + retryBackoff);
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException(PREFIX + ".batch-size must be 1..10000, got: " + batchSize);
        }
    }

    /** The defaults above for {@code schema}; for tests and code that builds the outbox by hand. */
    public static OutboxSettings of(String schema) {
        return new OutboxSettings(true, schema, Duration.ofMillis(200), 100, Duration.ofSeconds(10),
                Duration.ofDays(7), 5, Duration.ofSeconds(30));
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(PREFIX + "." + name + " must be a positive duration, got: " + d);
        }
    }
}
