package ore.game.api;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import org.junit.jupiter.api.TestInstance;

/** {@link MiningRaceApiTest} with a cooldown: the racers find the player has just mined. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MiningRaceWithCooldownApiTest extends MiningRaceApiTest {

    @Override
    Duration cooldown() {
        return Duration.ofMinutes(1);
    }
}
