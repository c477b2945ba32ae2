package ore.chain.adapter.out.web3j;

import ore.chain.adapter.out.TxSignerContract;
import ore.chain.app.port.TxSigner;
import ore.chain.testing.AnvilNode;

class LocalKeySignerTest extends TxSignerContract {

    @Override
    protected TxSigner newSigner() {
        return new LocalKeySigner(AnvilNode.KEY_1);
    }

    @Override
    protected String expectedAddress() {
        return AnvilNode.ADDRESS_1;
    }
}
