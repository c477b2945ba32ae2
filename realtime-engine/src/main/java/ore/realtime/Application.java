package ore.realtime;

import io.micronaut.runtime.Micronaut;

/** realtime-engine: the WebSocket gateway (protocol ore.v1, see docs/realtime-protocol.md). */
public class Application {

    public static void main(String[] args) {
        Micronaut.build(args).banner(false).start();
    }
}
