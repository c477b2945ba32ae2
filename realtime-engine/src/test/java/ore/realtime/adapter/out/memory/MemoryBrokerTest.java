package ore.realtime.adapter.out.memory;

import ore.realtime.app.BrokerContract;
import ore.realtime.app.port.Broker;

class MemoryBrokerTest extends BrokerContract {

    private final MemoryBroker.Backend backend = new MemoryBroker.Backend(10);

    @Override
    protected Broker newBroker() {
        return new MemoryBroker(backend);
    }

    @Override
    protected void letLeasesLapse() {
        // No lease: a channel without subscribers is not listened to, at once.
    }

    @Override
    protected int historySize() {
        return 10;
    }
}
