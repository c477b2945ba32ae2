package ore.events.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import ore.core.id.Ids;
import ore.events.outbox.OutboxSettings;
import ore.events.testing.OutboxDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProcessedEventsTest {

    private static OutboxDatabase db;
    private final ProcessedEvents processed = new ProcessedEvents(OutboxSettings.of("inbox_test"));

    @BeforeAll
    static void database() {
        db = OutboxDatabase.create("inbox_test");
    }

    @Test
    void firstDeliveryIsNewAndARedeliveryIsNot() {
        UUID id = Ids.newId();

        assertThat(markInOwnTransaction("game.rewards-settled", id))
                .isTrue();
        assertThat(markInOwnTransaction("game.rewards-settled", id))
                .isFalse();
    }

    @Test
    void eachConsumerSeesEveryEventOnce() {
        UUID id = Ids.newId();

        assertThat(markInOwnTransaction("realtime.fanout", id)).isTrue();
        assertThat(markInOwnTransaction("game.ledger", id)).isTrue();
    }

    @Test
    void aRolledBackEffectLeavesTheEventUnprocessed() {
        UUID id = Ids.newId();

        assertThatThrownBy(() -> db.dsl().transaction(c -> {
            assertThat(processed.markProcessed(c.dsl(), "game.ledger", id)).isTrue();
            throw new IllegalStateException("the effect failed");
        })).hasMessageContaining("effect failed");

        assertThat(markInOwnTransaction("game.ledger", id)).isTrue();
    }

    private boolean markInOwnTransaction(String consumer, UUID id) {
        Boolean isNew = db.dsl().transactionResult(c -> processed.markProcessed(c.dsl(), consumer, id));
        return isNew;
    }

    @Test
    void consumerNameIsRequired() {
        assertThatThrownBy(() -> processed.markProcessed(db.dsl(), " ", Ids.newId()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
