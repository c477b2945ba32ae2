package ore.realtime;

import io.micronaut.runtime.Micronaut;
import ore.realtime.config.Drain;

/** realtime-engine: the WebSocket gateway (protocol ore.v1, see docs/realtime-protocol.md). */
public class Application {

    public static void main(String[] args) {
        var context = Micronaut.build(args).banner(false).start();
        Drain.onSigterm(context);
    }
}
