package ore.location.config;

import io.micronaut.serde.annotation.SerdeImport;
import ore.location.app.LocationTracked;
import ore.location.app.SuspectedCheat;
import ore.location.app.UserDeleted;

/** Event payloads are plain records of the app layer; this makes them (de)serializable without annotating them. */
@SerdeImport(LocationTracked.class)
@SerdeImport(SuspectedCheat.class)
@SerdeImport(UserDeleted.class)
public final class EventPayloads {

    private EventPayloads() {
    }
}
