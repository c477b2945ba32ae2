package ore.events.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.json.JsonMapper;
import java.time.Clock;
import java.util.Map;
import ore.events.EventCodec;
import ore.events.EventEnvelope;
import ore.events.testing.OutboxDatabase;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OutboxWriterTest {

    private static OutboxDatabase db;
    private final OutboxWriter writer = new OutboxWriter(OutboxSettings.of("writer_test"),
            new EventCodec(JsonMapper.createDefault()));

    @BeforeAll
    static void database() {
        db = OutboxDatabase.create("writer_test");
    }

    @Test
    void storesTheEnvelopeWithItsRoutingColumns() {
        var e = EventEnvelope.of("reward.requested", "r-1", Map.of("amountWei", 5), Clock.systemUTC());

        db.dsl().transaction(c -> writer.append(c.dsl(), "ore.rewards.requested", e));

        var row = db.dsl().select(OutboxTable.TOPIC, OutboxTable.EVENT_KEY, OutboxTable.EVENT_TYPE,
                        OutboxTable.ENVELOPE, OutboxTable.CREATED_AT, OutboxTable.PUBLISHED_AT)
                .from(DSL.table(DSL.name("writer_test", "outbox")))
                .where(OutboxTable.ID.eq(e.id()))
                .fetchSingle();
        assertThat(row.value1()).isEqualTo("ore.rewards.requested");
        assertThat(row.value2()).isEqualTo("r-1");
        assertThat(row.value3()).isEqualTo("reward.requested");
        assertThat(row.value4()).isInstanceOf(JSONB.class);
        assertThat(row.value4().data()).contains("\"traceparent\": \"" + e.traceparent() + "\"");
        assertThat(row.value5()).isNotNull();
        assertThat(row.value6()).isNull();
    }

    @Test
    void whatKafkaWouldRefuseFailsTheCallersTransaction() {
        var e = EventEnvelope.of("t", "k", Map.of(), Clock.systemUTC());
        var huge = EventEnvelope.of("t", "k", Map.of("blob", "x".repeat(OutboxWriter.MAX_ENVELOPE_BYTES)),
                Clock.systemUTC());
        int before = db.rows();

        assertThatThrownBy(() -> writer.append(db.dsl(), "has space", e)).hasMessageContaining("topic");
        assertThatThrownBy(() -> writer.append(db.dsl(), "", e)).hasMessageContaining("topic");
        assertThatThrownBy(() -> writer.append(db.dsl(), "ore.big", huge)).hasMessageContaining("larger than");
        assertThat(db.rows()).isEqualTo(before);
    }
}
