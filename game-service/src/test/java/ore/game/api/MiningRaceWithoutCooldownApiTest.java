package ore.game.api;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import org.junit.jupiter.api.TestInstance;

/** {@link MiningRaceApiTest} without a cooldown: the racers get as far as storing their answer. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MiningRaceWithoutCooldownApiTest extends MiningRaceApiTest {

    @Override
    Duration cooldown() {
        return Duration.ZERO;
    }
}
