package ore.game.adapter.out.redis;

import java.util.UUID;
import ore.core.realtime.RealtimeChannels;
import ore.core.realtime.RealtimePublisher;
import ore.game.app.RealtimeMessages;
import ore.game.app.port.RealtimeFanout;

/**
 * Realtime messages on Redis pub/sub channels {@code rt:player:<id>} and {@code rt:cell:<h3>}, through
 * ore-core's {@link RealtimePublisher}: the pub/sub flavour of {@code ore.realtime.sharded-pubsub}
 * (shared with location-service and realtime-engine) and the envelope {@code {type, at, ...payload}}.
 */
public class RedisRealtimeFanout implements RealtimeFanout {

    private final RealtimePublisher publisher;

    public RedisRealtimeFanout(RealtimePublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void toPlayer(UUID playerId, RealtimeMessages.Message message) {
        publisher.publish(RealtimeChannels.player(playerId), message.type(), message.at(), message);
    }

    @Override
    public void toCell(String cellHex, RealtimeMessages.Message message) {
        publisher.publish(RealtimeChannels.cell(cellHex), message.type(), message.at(), message);
    }
}
