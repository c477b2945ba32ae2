package ore.realtime.adapter.out.memory;

import java.time.Clock;
import ore.realtime.app.PresenceStoreContract;
import ore.realtime.app.port.PresenceStore;

class MemoryPresenceStoreTest extends PresenceStoreContract {

    private final PresenceStore store = new MemoryPresenceStore(TTL, Clock.systemUTC());

    @Override
    protected PresenceStore store() {
        return store;
    }
}
