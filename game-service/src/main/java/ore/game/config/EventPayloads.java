package ore.game.config;

import io.micronaut.serde.annotation.SerdeImport;
import ore.game.app.GameEvents;
import ore.game.app.RealtimeMessages;

/** Event payloads and realtime messages are plain records of the app layer; this makes them (de)serializable. */
@SerdeImport(GameEvents.OreMined.class)
@SerdeImport(GameEvents.NodeDepleted.class)
@SerdeImport(GameEvents.RewardStatusChanged.class)
@SerdeImport(GameEvents.RewardRequested.class)
@SerdeImport(GameEvents.RewardSettled.class)
@SerdeImport(GameEvents.UserDeleted.class)
@SerdeImport(GameEvents.SuspectedCheat.class)
@SerdeImport(RealtimeMessages.InventoryChanged.class)
@SerdeImport(RealtimeMessages.RewardStatus.class)
@SerdeImport(RealtimeMessages.NodeCapacity.class)
public final class EventPayloads {

    private EventPayloads() {
    }
}
