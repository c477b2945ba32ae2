package ore.auth.config;

import io.micronaut.serde.annotation.SerdeImport;
import ore.auth.app.PrivacyService;

/** Event payloads are plain records of the app layer; this makes them serializable without annotating them. */
@SerdeImport(PrivacyService.UserDeleted.class)
@SerdeImport(PrivacyService.WalletChanged.class)
public final class EventPayloads {

    private EventPayloads() {
    }
}
