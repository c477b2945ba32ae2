package ore.local.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.util.Map;
import java.util.Optional;
import ore.local.StartupException;
import ore.local.service.ServiceEnvironment;
import ore.local.service.ServiceSpec;
import org.junit.jupiter.api.Test;

/** Pointing the local stack at servers of your own: checked before anything starts, and handed to the services. */
class ExternalServersTest {

    @Test
    void aRedisUrlIsUsedAsGivenWhenItAnswers() throws Exception {
        // The machine's Redis (the tests need it anyway) stands in for a Redis of your own.
        var redis = LocalRedis.external("redis://127.0.0.1:6379");
        assertThat(redis.uri()).isEqualTo("redis://127.0.0.1:6379");
        assertThat(redis.origin()).isEqualTo("external (ORE_LOCAL_REDIS_URL)");
    }

    @Test
    void aRedisUrlThatIsWrongOrSilentIsRefusedWithTheSettingNamed() throws Exception {
        assertThatThrownBy(() -> LocalRedis.external("http://127.0.0.1:6379"))
                .isInstanceOf(StartupException.class).hasMessageContaining("ORE_LOCAL_REDIS_URL must look like");
        assertThatThrownBy(() -> LocalRedis.external("not a url"))
                .isInstanceOf(StartupException.class).hasMessageContaining("ORE_LOCAL_REDIS_URL");
        int silent;
        try (ServerSocket socket = new ServerSocket(0)) {
            silent = socket.getLocalPort();
        }
        int port = silent;
        assertThatThrownBy(() -> LocalRedis.external("redis://127.0.0.1:" + port))
                .isInstanceOf(StartupException.class).hasMessageContaining("nothing answers on 127.0.0.1:" + port);
    }

    @Test
    void aKafkaBootstrapThatIsNotHostAndPortIsRefused() {
        assertThatThrownBy(() -> LocalKafka.external("kafka://broker:9092"))
                .isInstanceOf(StartupException.class).hasMessageContaining("ORE_LOCAL_KAFKA_BOOTSTRAP must be host:port");
    }

    @Test
    void aTritonTargetSwitchesLocationServiceToTheModel() {
        var spec = new ServiceSpec("location", 8082, ServiceSpec.jarOf("location-service"), Map.of());
        var base = new ServiceEnvironment(new Endpoints.Postgres("jdbc:postgresql://127.0.0.1:5432/x", "postgres", "", "running"),
                new Endpoints.Redis("redis://127.0.0.1:6379", "running server"),
                new Endpoints.Kafka("127.0.0.1:9092", "in-process"), null, Optional.empty(), Map.of("location", 8082));
        assertThat(base.forService(spec)).doesNotContainKey("ORE_INFERENCE_TARGET");

        var withTriton = new ServiceEnvironment(base.postgres(), base.redis(), base.kafka(), null,
                Optional.of("triton.lan:8001"), base.ports());
        assertThat(withTriton.forService(spec))
                .containsEntry("ORE_LOCATION_ANTICHEAT_MODEL", "triton")
                .containsEntry("ORE_INFERENCE_TARGET", "triton.lan:8001");
        var game = new ServiceSpec("game", 8083, ServiceSpec.jarOf("game-service"), Map.of());
        assertThat(withTriton.forService(game)).doesNotContainKey("ORE_INFERENCE_TARGET");
    }
}
