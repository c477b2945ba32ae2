package ore.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** docker-compose.yml: the Compose Specification, the sizing table, and the same hardening as ECS. */
class ComposeTest {

    static final Sizing SIZING = Sizing.load();
    static final JsonNode COMPOSE = Repo.yaml("docker-compose.yml");

    static Stream<Sizing.Service> services() {
        return SIZING.containerServices().stream();
    }

    @Test
    void theFileFitsTheComposeSpecification() {
        assertThat(JsonSchemas.validate("compose/compose-spec.json", COMPOSE)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("services")
    void everyServiceRunsFromItsImageHardenedAndSizedAsTheTable(Sizing.Service s) {
        JsonNode service = COMPOSE.at("/services/" + s.name());
        assertThat(service.isObject()).as(s.name() + " in docker-compose.yml").isTrue();
        assertThat(service.get("image").asString()).isEqualTo("${ORE_IMAGE_REGISTRY:-ore}/" + s.name() + ":${ORE_VERSION:-local}");
        assertThat(service.path("read_only").asBoolean(false)).isTrue();
        assertThat(service.get("user").asString()).isEqualTo("10001:10001");
        assertThat(service.get("cap_drop").toString()).contains("\"ALL\"");
        assertThat(service.get("security_opt").toString()).contains("no-new-privileges:true");
        assertThat(service.get("tmpfs").toString()).contains("/tmp");
        assertThat(service.at("/healthcheck/test").toString()).contains("/opt/ore/bin/ore-healthcheck");
        assertThat(service.get("stop_grace_period").asString())
                .isEqualTo(SIZING.shutdown().stopTimeoutSeconds() + "s");

        JsonNode limits = service.at("/deploy/resources/limits");
        assertThat(Double.parseDouble(limits.get("cpus").asString())).isEqualTo(s.cpu() / 1024.0);
        assertThat(limits.get("memory").asString().toUpperCase(Locale.ROOT)).isEqualTo(s.memory() + "M");

        for (var dependency : service.path("depends_on").properties()) {
            assertThat(dependency.getValue().path("condition").asString())
                    .as(s.name() + " waits for " + dependency.getKey())
                    .isIn("service_healthy", "service_completed_successfully");
        }
        assertThat(service.path("depends_on").isObject()).as("depends_on with conditions").isTrue();
        for (JsonNode port : service.path("ports")) {
            assertThat(port.asString()).as("published on loopback only").startsWith("127.0.0.1:");
        }
        JsonNode env = service.path("environment");
        if (s.usesDatabase()) {
            assertThat(env.path("DATASOURCES_DEFAULT_MAXIMUM_POOL_SIZE").asString()).isEqualTo(Integer.toString(s.pool()));
        }
        if (List.of("location-service", "game-service", "realtime-engine").contains(s.name())) {
            assertThat(env.path("ORE_REALTIME_SHARDED_PUBSUB").asString()).isEqualTo("true");
        }
        for (var entry : env.properties()) {
            if (entry.getKey().matches(".*(PASSWORD|SECRET|PRIVATE_KEY).*") && !entry.getKey().contains("_ALLOW_")) {
                assertThat(entry.getValue().asString()).as(entry.getKey() + " comes from .env, not the file")
                        .startsWith("${");
            }
        }
        assertThat(Settings.unknown(s.name(), env.propertyNames())).as(s.name() + ": settings it does not read").isEmpty();
    }

    @Test
    void infrastructureHasHealthChecksAndEveryRequiredVariableIsInEnvExample() throws Exception {
        for (String infra : List.of("postgres", "redis", "kafka", "anvil")) {
            assertThat(COMPOSE.at("/services/" + infra + "/healthcheck/test").isMissingNode()).as(infra).isFalse();
        }
        String text = java.nio.file.Files.readString(Repo.file("docker-compose.yml"));
        Set<String> declared = new HashSet<>();
        for (String line : java.nio.file.Files.readAllLines(Repo.file(".env.example"))) {
            Matcher m = Pattern.compile("^#?\\s*([A-Z][A-Z0-9_]*)=").matcher(line);
            if (m.find()) {
                declared.add(m.group(1));
            }
        }
        Matcher required = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):\\?").matcher(text);
        while (required.find()) {
            assertThat(declared).as(".env.example sets " + required.group(1)).contains(required.group(1));
        }
        Matcher any = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)").matcher(text);
        while (any.find()) {
            assertThat(declared).as(".env.example documents " + any.group(1)).contains(any.group(1));
        }
    }
}
