package ore.location.adapter.out.redis;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.UUID;
import ore.core.realtime.RealtimeChannels;
import ore.core.realtime.RealtimePublisher;
import ore.location.app.port.MovementFeed;

/**
 * {@link MovementFeed} on Redis pub/sub through ore-core's {@link RealtimePublisher}: channel
 * {@code rt:cell:<h3 res 9 address>}, message {@code {"type":"player.moved","at":"<fix time, ISO-8601
 * UTC>","playerId","lat","lon"}}, with the pub/sub flavour every service shares
 * ({@code ore.realtime.sharded-pubsub}: SPUBLISH by default, PUBLISH for Redis 6). Publishing does not
 * wait for Redis: a lost live update is replaced by the next one.
 */
@Singleton
public class RedisMovementFeed implements MovementFeed {

    public static final String TYPE = "player.moved";

    @Serdeable
    record Payload(UUID playerId, double lat, double lon) {
    }

    private final RealtimePublisher publisher;

    public RedisMovementFeed(RealtimePublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void playerMoved(String cellAddress, PlayerMoved moved) {
        publisher.publish(RealtimeChannels.cell(cellAddress), TYPE, Instant.ofEpochMilli(moved.ts()),
                new Payload(moved.playerId(), moved.lat(), moved.lon()));
    }
}
