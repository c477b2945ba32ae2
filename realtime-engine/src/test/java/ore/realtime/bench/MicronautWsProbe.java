package ore.realtime.bench;

import io.micronaut.context.annotation.Requires;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;

/**
 * The other engine candidate, for the memory comparison only: a Micronaut {@code @ServerWebSocket}
 * that holds connections and does nothing else (no auth, no state), so its cost per connection is
 * a lower bound of what the engine would cost on Micronaut WebSocket. Off unless {@code bench.micronaut-ws=true}.
 */
@ServerWebSocket("/mnws")
@Secured(SecurityRule.IS_ANONYMOUS)
@Requires(property = "bench.micronaut-ws", value = "true")
public class MicronautWsProbe {

    @OnOpen
    public void open(WebSocketSession session) {
        // holding the session is all we measure
    }

    @OnMessage
    public String message(String text, WebSocketSession session) {
        return text;
    }

    @OnClose
    public void close(WebSocketSession session) {
        // nothing to release
    }
}
