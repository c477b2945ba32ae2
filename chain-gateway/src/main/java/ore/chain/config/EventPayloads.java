package ore.chain.config;

import io.micronaut.serde.annotation.SerdeImport;
import ore.chain.app.ChainEvents;

/** Event payloads are plain records of the app layer; this makes them (de)serializable. */
@SerdeImport(ChainEvents.RewardRequested.class)
@SerdeImport(ChainEvents.RewardSettled.class)
@SerdeImport(ChainEvents.OreTransfer.class)
public final class EventPayloads {

    private EventPayloads() {
    }
}
