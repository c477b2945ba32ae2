package ore.realtime.adapter.out.memory;

import ore.realtime.app.BrokerContract;
import ore.realtime.app.port.Broker;
import ore.realtime.domain.ChannelName;

class MemoryBrokerTest extends BrokerContract {

    private final MemoryBroker.Backend backend = new MemoryBroker.Backend(10);

    @Override
    protected Broker newBroker() {
        return new MemoryBroker(backend);
    }

    @Override
    protected void loseHistory(ChannelName channel) {
        backend.forget(channel);
    }

    @Override
    protected int historySize() {
        return 10;
    }
}
