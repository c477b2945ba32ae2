package ore.events.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import ore.events.testing.OutboxDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pruner as a service gets it: from {@code ore.outbox.schema} and {@code ore.inbox.*} in a Micronaut
 * context, started with it and stopped when it closes.
 */
class InboxWiringTest {

    private static final String SCHEMA = "inbox_wiring_test";
    private static OutboxDatabase db;

    @BeforeAll
    static void database() {
        db = OutboxDatabase.create(SCHEMA);
    }

    @Test
    void theRunningPrunerDeletesExpiredRowsAndStopsWithTheContext() {
        db.dsl().execute("insert into " + SCHEMA + ".processed_event (consumer, event_id, processed_at) "
                + "select 'c', gen_random_uuid(), now() - interval '31 days' from generate_series(1, 7)");
        db.dsl().execute("insert into " + SCHEMA + ".processed_event (consumer, event_id, processed_at) "
                + "values ('c', gen_random_uuid(), now())");
        InboxPruner pruner;
        Map<String, Object> props = properties();
        props.put("ore.inbox.prune-interval", "100ms");
        try (ApplicationContext ctx = ApplicationContext.run(props)) {
            pruner = ctx.getBean(InboxPruner.class);
            assertThat(pruner.isRunning()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> rows() == 1);
            MeterRegistry meters = ctx.getBean(MeterRegistry.class);
            assertThat(meters.get("ore.inbox.pruned").tag("schema", SCHEMA).counter().count()).isEqualTo(7.0);
        }
        assertThat(pruner.isRunning()).isFalse();
    }

    @Test
    void theDefaultsApplyWhenNothingIsSet() {
        try (ApplicationContext ctx = ApplicationContext.run(properties())) {
            assertThat(ctx.getBean(InboxSettings.class)).isEqualTo(InboxSettings.defaults());
        }
    }

    @Test
    void pruningCanBeTurnedOffPerInstance() {
        Map<String, Object> props = properties();
        props.put("ore.inbox.prune-enabled", "false");
        try (ApplicationContext ctx = ApplicationContext.run(props)) {
            assertThat(ctx.containsBean(InboxPruner.class)).isFalse();
            assertThat(ctx.containsBean(ProcessedEvents.class)).isTrue();
        }
    }

    @Test
    void aNonPositiveRetentionIsRefusedAtStartUpWithTheSettingNamed() {
        for (String retention : new String[] {"0s", "0d", "-1h"}) {
            Map<String, Object> props = properties();
            props.put("ore.inbox.retention", retention);
            assertThatThrownBy(() -> ApplicationContext.run(props).close())
                    .as(retention)
                    .satisfies(e -> assertThat(messages(e)).contains("ore.inbox.retention must be a positive duration"));
        }
    }

    private static String messages(Throwable e) {
        var sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t.getMessage()).append('\n');
        }
        return sb.toString();
    }

    private static Map<String, Object> properties() {
        Map<String, Object> props = new HashMap<>();
        props.put("test.jdbc.url", db.db().jdbcUrl());
        props.put("test.jdbc.user", db.db().user());
        props.put("test.jdbc.password", db.db().password());
        props.put("ore.outbox.schema", SCHEMA);
        // A consumer-only instance: no relay, no Kafka needed; pruning does not depend on the relay.
        props.put("ore.outbox.enabled", false);
        return props;
    }

    private static int rows() {
        return db.dsl().fetchCount(ProcessedEvents.table(SCHEMA));
    }
}
