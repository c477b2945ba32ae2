package ore.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * deploy/ecs/: every file is the exact input of its AWS API call (botocore shapes, unknown keys
 * rejected), carries sizing.yaml's numbers, and follows the hardening and least-privilege rules.
 */
class EcsDescriptorsTest {

    static final Sizing SIZING = Sizing.load();
    static final BotocoreShapes ECS = BotocoreShapes.load("deploy/schemas/ecs/botocore-ecs-2014-11-13-service-2.json");
    static final BotocoreShapes SCALING = BotocoreShapes.load(
            "deploy/schemas/ecs/botocore-application-autoscaling-2016-02-06-service-2.json");
    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)}");
    /** Placeholders the deploy workflow knows how to fill (deploy/ecs/README.md). */
    static final List<String> KNOWN_PLACEHOLDERS = List.of("ECR_REGISTRY", "VERSION", "REGION", "ACCOUNT",
            "AURORA_ENDPOINT", "MSK_BOOTSTRAP", "MSK_CLUSTER", "PRIVATE_SUBNET_A", "PRIVATE_SUBNET_B",
            "KMS_TREASURY_KEY_ID", "CHAIN_TOKEN_ADDRESS", "CHAIN_TOKEN_START_BLOCK", "ACM_CERTIFICATE_ARN",
            "ALB_SUFFIX", "VPC_ID");

    static Stream<Sizing.Service> services() {
        return SIZING.containerServices().stream();
    }

    static String dir(Sizing.Service service) {
        return "deploy/ecs/" + service.name() + "/";
    }

    static String upper(String service) {
        return service.toUpperCase().replace('-', '_');
    }

    static JsonNode container(JsonNode taskDefinition, String name) {
        for (JsonNode c : taskDefinition.get("containerDefinitions")) {
            if (c.get("name").asString().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no container named " + name);
    }

    static Map<String, String> environment(JsonNode container) {
        Map<String, String> env = new HashMap<>();
        container.path("environment").forEach(e -> env.put(e.get("name").asString(), e.get("value").asString()));
        return env;
    }

    @ParameterizedTest
    @MethodSource("services")
    void taskDefinitionIsARegisterTaskDefinitionRequestSizedAsTheTable(Sizing.Service s) {
        JsonNode td = Repo.json(dir(s) + "task-definition.json");
        assertThat(ECS.validate(td, "RegisterTaskDefinitionRequest")).isEmpty();

        assertThat(td.get("family").asString()).isEqualTo("ore-" + s.name());
        assertThat(td.get("networkMode").asString()).isEqualTo("awsvpc");
        assertThat(td.get("requiresCompatibilities").values()).extracting(JsonNode::asString).containsExactly("FARGATE");
        assertThat(td.get("cpu").asString()).isEqualTo(Integer.toString(s.cpu()));
        assertThat(td.get("memory").asString()).isEqualTo(Integer.toString(s.memory()));
        assertThat(td.get("taskRoleArn").asString()).isEqualTo("arn:aws:iam::${ACCOUNT}:role/ore-" + s.name() + "-task");
        assertThat(td.get("executionRoleArn").asString())
                .isEqualTo("arn:aws:iam::${ACCOUNT}:role/ore-" + s.name() + "-execution");
        assertThat(td.get("containerDefinitions").values()).extracting(c -> c.get("name").asString())
                .as("the service and its trace collector").containsExactly(s.name(), ADOT);
    }

    static final String ADOT = "adot-collector";

    /**
     * The ADOT sidecar (docs/operations.md "Tracing"): pinned, hardened, sized as sizing.yaml's
     * {@code sidecars}, configured with deploy/ecs/observability/adot-collector.yaml verbatim (tail
     * sampling to X-Ray), and the service sends it its spans; the task role may write to X-Ray.
     */
    @ParameterizedTest
    @MethodSource("services")
    void theAdotSidecarReceivesTheServicesSpansAndSamplesThemByTail(Sizing.Service s) throws Exception {
        JsonNode td = Repo.json(dir(s) + "task-definition.json");
        JsonNode c = container(td, ADOT);
        assertThat(c.get("image").asString()).as("pinned to a release")
                .matches("public\\.ecr\\.aws/aws-observability/aws-otel-collector:v\\d+\\.\\d+\\.\\d+");
        assertThat(c.get("essential").asBoolean()).as("a collector outage never stops the service").isFalse();
        assertThat(c.get("readonlyRootFilesystem").asBoolean()).isTrue();
        assertThat(c.path("privileged").asBoolean(false)).isFalse();
        assertThat(c.get("user").asString()).matches("[1-9][0-9]*(:[1-9][0-9]*)?");
        assertThat(c.path("portMappings").size()).as("reached over the task's loopback only").isZero();
        JsonNode sizing = Repo.yaml("deploy/sizing.yaml").at("/sidecars/" + ADOT);
        assertThat(c.get("cpu").asInt()).isEqualTo(sizing.get("cpu").asInt());
        assertThat(c.get("memory").asInt()).isEqualTo(sizing.get("memory").asInt());
        assertThat(c.get("memoryReservation").asInt()).isEqualTo(sizing.get("memoryReservation").asInt());
        assertThat(c.get("memory").asInt()).isLessThanOrEqualTo(s.memory() / 4);
        assertThat(c.at("/logConfiguration/options/awslogs-group").asString()).isEqualTo("/ecs/ore/" + s.name());
        assertThat(c.at("/healthCheck/command/1").asString()).isEqualTo("/healthcheck");

        String file = java.nio.file.Files.readString(Repo.file("deploy/ecs/observability/adot-collector.yaml"));
        assertThat(environment(c).get("AOT_CONFIG_CONTENT"))
                .as("the task carries adot-collector.yaml verbatim (run deploy/ecs/observability/embed-adot-config.py)")
                .isEqualTo(file);
        JsonNode config = Repo.yamlDocuments(file).getFirst();
        assertThat(config.at("/receivers/otlp/protocols/http/endpoint").asString()).isEqualTo("127.0.0.1:4318");
        assertThat(environment(container(td, s.name()))).containsEntry("ORE_OTEL_ENDPOINT", "http://127.0.0.1:4318")
                .containsEntry("ORE_OTEL_SERVICE_VERSION", "${VERSION}");
        JsonNode pipeline = config.at("/service/pipelines/traces");
        assertThat(strings(pipeline.get("processors"))).contains("memory_limiter", "tail_sampling", "batch");
        assertThat(strings(pipeline.get("exporters"))).containsExactly("awsxray");
        assertThat(config.at("/processors/tail_sampling/policies").values())
                .extracting(policy -> policy.get("type").asString())
                .containsExactlyInAnyOrder("ottl_condition", "latency", "probabilistic");

        List<String> xray = new ArrayList<>();
        for (JsonNode statement : Repo.json(dir(s) + "task-role-policy.json").get("Statement")) {
            strings(statement.get("Action")).stream().filter(a -> a.startsWith("xray:")).forEach(xray::add);
        }
        assertThat(xray).as("X-Ray: writing segments and telemetry, nothing else")
                .containsExactlyInAnyOrder("xray:PutTraceSegments", "xray:PutTelemetryRecords");
    }

    @ParameterizedTest
    @MethodSource("services")
    void containerIsHardenedAndChecksHealthAsTheSpecSays(Sizing.Service s) {
        JsonNode c = container(Repo.json(dir(s) + "task-definition.json"), s.name());
        assertThat(c.get("image").asString()).isEqualTo("${ECR_REGISTRY}/ore/" + s.name() + ":${VERSION}");
        assertThat(c.get("essential").asBoolean()).isTrue();
        assertThat(c.get("readonlyRootFilesystem").asBoolean()).as("read-only root filesystem").isTrue();
        assertThat(c.path("privileged").asBoolean(false)).isFalse();
        String user = c.get("user").asString();
        assertThat(user).as("numeric non-root user").matches("[1-9][0-9]*(:[1-9][0-9]*)?");
        assertThat(c.get("portMappings").values()).extracting(p -> p.get("containerPort").asInt())
                .containsExactly(SIZING.containerPort());
        assertThat(c.get("stopTimeout").asInt()).isEqualTo(SIZING.shutdown().stopTimeoutSeconds());

        // /tmp is the only writable path: a task volume, since the root filesystem is read-only.
        assertThat(c.get("mountPoints").values()).anySatisfy(m -> {
            assertThat(m.get("containerPath").asString()).isEqualTo("/tmp");
            assertThat(m.path("readOnly").asBoolean(false)).isFalse();
        });

        JsonNode health = c.get("healthCheck");
        assertThat(health.get("command").get(0).asString()).isEqualTo("CMD");
        assertThat(health.get("command").get(1).asString()).as("the image's own check, no curl in a JRE image")
                .isEqualTo("/opt/ore/bin/ore-healthcheck");
        assertThat(health.get("interval").asInt()).isEqualTo(SIZING.healthCheck().interval());
        assertThat(health.get("timeout").asInt()).isEqualTo(SIZING.healthCheck().timeout());
        assertThat(health.get("retries").asInt()).isEqualTo(SIZING.healthCheck().retries());
        assertThat(health.get("startPeriod").asInt()).isEqualTo(SIZING.healthCheck().startPeriod());

        JsonNode logs = c.get("logConfiguration");
        assertThat(logs.get("logDriver").asString()).isEqualTo("awslogs");
        assertThat(logs.get("options").get("awslogs-group").asString()).isEqualTo("/ecs/ore/" + s.name());
        assertThat(logs.get("options").get("awslogs-region").asString()).isEqualTo("${REGION}");
    }

    @ParameterizedTest
    @MethodSource("services")
    void productionSettingsAreSetAndNoSecretIsPlainEnvironment(Sizing.Service s) {
        JsonNode c = container(Repo.json(dir(s) + "task-definition.json"), s.name());
        Map<String, String> env = environment(c);
        assertThat(env).containsEntry("ORE_SHUTDOWN_DRAIN_DELAY", SIZING.shutdown().drainDelaySeconds() + "s");
        assertThat(SIZING.shutdown().drainDelaySeconds())
                .as("the drain delay ends before the target group forgets the task")
                .isLessThan(SIZING.shutdown().deregistrationDelaySeconds());
        if (s.routed()) {
            assertThat(env).as("one proxy (the ALB) appends to X-Forwarded-For")
                    .containsEntry("ORE_RATE_LIMIT_TRUSTED_PROXIES", "1");
        }
        if (s.usesDatabase()) {
            assertThat(env).containsEntry("DATASOURCES_DEFAULT_MAXIMUM_POOL_SIZE", Integer.toString(s.pool()));
        }
        if (List.of("location-service", "game-service", "realtime-engine").contains(s.name())) {
            assertThat(env).as("one pub/sub flavour for every producer and the engine")
                    .containsEntry("ORE_REALTIME_SHARDED_PUBSUB", "true");
        }
        assertThat(env.get("KAFKA_SECURITY_PROTOCOL")).isEqualTo("SASL_SSL");
        for (var entry : env.entrySet()) {
            assertThat(entry.getKey()).as("secret-looking setting in plain environment")
                    .doesNotContainPattern("PASSWORD|SECRET|SIGNING_KEYS|PRIVATE_KEY|RPC_URLS|REDIS_URI");
        }
        List<String> secretNames = new ArrayList<>();
        for (JsonNode secret : c.path("secrets")) {
            secretNames.add(secret.get("name").asString());
            assertThat(secret.get("valueFrom").asString()).as(secret.get("name").asString())
                    .matches("arn:aws:secretsmanager:\\$\\{REGION}:\\$\\{ACCOUNT}:secret:ore/(" + s.name()
                            + "/[a-z-]+|redis)(:[A-Za-z0-9_-]+::)?");
        }
        if (s.usesDatabase()) {
            assertThat(secretNames).contains("DATASOURCES_DEFAULT_USERNAME", "DATASOURCES_DEFAULT_PASSWORD");
        }
        assertThat(Settings.unknown(s.name(), env.keySet())).as("settings the service does not read").isEmpty();
        assertThat(Settings.unknown(s.name(), secretNames)).as("secrets the service does not read").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("services")
    void serviceIsACreateServiceRequestWithTheCapacityFixAndRollback(Sizing.Service s) {
        JsonNode svc = Repo.json(dir(s) + "service.json");
        assertThat(ECS.validate(svc, "CreateServiceRequest")).isEmpty();
        assertThat(svc.get("serviceName").asString()).isEqualTo(s.name());
        assertThat(svc.get("taskDefinition").asString()).isEqualTo("ore-" + s.name());
        assertThat(svc.get("desiredCount").asInt()).isEqualTo(s.desired());

        Map<String, int[]> strategy = new HashMap<>();
        svc.get("capacityProviderStrategy").forEach(p -> strategy.put(p.get("capacityProvider").asString(),
                new int[] {p.path("base").asInt(0), p.path("weight").asInt(0)}));
        if ("spot".equals(s.capacity())) {
            // The spec's "base 2" belongs on FARGATE: a base on FARGATE_SPOT keeps Spot tasks.
            assertThat(strategy).containsOnlyKeys("FARGATE", "FARGATE_SPOT");
            assertThat(strategy.get("FARGATE")).containsExactly(s.onDemandBase(), 1);
            assertThat(strategy.get("FARGATE_SPOT")).containsExactly(0, 4);
        } else {
            assertThat(strategy).containsOnlyKeys("FARGATE");
        }
        JsonNode deployment = svc.get("deploymentConfiguration");
        assertThat(deployment.get("deploymentCircuitBreaker").get("enable").asBoolean()).isTrue();
        assertThat(deployment.get("deploymentCircuitBreaker").get("rollback").asBoolean()).isTrue();
        assertThat(svc.get("networkConfiguration").get("awsvpcConfiguration").get("assignPublicIp").asString())
                .isEqualTo("DISABLED");
        assertThat(svc.path("enableExecuteCommand").asBoolean(false)).isFalse();
        if (s.routed()) {
            JsonNode lb = svc.get("loadBalancers").get(0);
            assertThat(lb.get("targetGroupArn").asString()).contains(":targetgroup/ore-" + s.name() + "/");
            assertThat(lb.get("containerName").asString()).isEqualTo(s.name());
            assertThat(lb.get("containerPort").asInt()).isEqualTo(SIZING.containerPort());
        } else {
            assertThat(svc.path("loadBalancers").size()).isZero();
        }
        assertThat(svc.get("serviceRegistries").get(0).get("registryArn").asString())
                .contains("${CLOUDMAP_" + upper(s.name()) + "}");
    }

    @ParameterizedTest
    @MethodSource("services")
    void autoscalingMatchesTheTable(Sizing.Service s) {
        JsonNode scaling = Repo.json(dir(s) + "autoscaling.json");
        assertThat(scaling.propertyNames()).containsExactlyInAnyOrder("scalableTarget", "policies");
        JsonNode target = scaling.get("scalableTarget");
        assertThat(SCALING.validate(target, "RegisterScalableTargetRequest")).isEmpty();
        assertThat(target.get("ResourceId").asString()).isEqualTo("service/ore-cluster-prod/" + s.name());
        assertThat(target.get("MinCapacity").asInt()).isEqualTo(s.min());
        assertThat(target.get("MaxCapacity").asInt()).isEqualTo(s.max());
        JsonNode policies = scaling.get("policies");
        if (!s.autoscaled()) {
            assertThat(policies.size()).isZero();
            return;
        }
        assertThat(policies.size()).isEqualTo(1);
        JsonNode policy = policies.get(0);
        assertThat(SCALING.validate(policy, "PutScalingPolicyRequest")).isEmpty();
        assertThat(policy.get("PolicyType").asString()).isEqualTo("TargetTrackingScaling");
        JsonNode config = policy.get("TargetTrackingScalingPolicyConfiguration");
        assertThat(config.get("TargetValue").asDouble()).isEqualTo(s.scaleTarget());
        switch (s.scaleMetric()) {
            case "cpu" -> assertThat(config.at("/PredefinedMetricSpecification/PredefinedMetricType").asString())
                    .isEqualTo("ECSServiceAverageCPUUtilization");
            case "memory" -> assertThat(config.at("/PredefinedMetricSpecification/PredefinedMetricType").asString())
                    .isEqualTo("ECSServiceAverageMemoryUtilization");
            case "connections" -> {
                // Not an ECS metric: realtime-engine writes it as CloudWatch Embedded Metric Format.
                JsonNode metric = config.get("CustomizedMetricSpecification");
                assertThat(metric.get("Namespace").asString()).isEqualTo("ORE/Realtime");
                assertThat(metric.get("MetricName").asString()).isEqualTo("Connections");
                assertThat(metric.get("Statistic").asString()).isEqualTo("Average");
            }
            default -> throw new AssertionError("unknown scale metric " + s.scaleMetric());
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void rolesGrantLeastPrivilege(Sizing.Service s) {
        JsonNode td = Repo.json(dir(s) + "task-definition.json");
        for (String role : List.of("task-role-policy.json", "execution-role-policy.json")) {
            JsonNode policy = Repo.json(dir(s) + role);
            assertThat(policy.get("Version").asString()).isEqualTo("2012-10-17");
            for (JsonNode statement : policy.get("Statement")) {
                assertThat(statement.get("Effect").asString()).isEqualTo("Allow");
                List<String> actions = strings(statement.get("Action"));
                List<String> resources = strings(statement.get("Resource"));
                assertThat(actions).as(role + " actions").allSatisfy(a -> assertThat(a).doesNotContain("*"));
                if (resources.contains("*")) {
                    assertThat(actions).as(role + ": only actions without a resource may use *")
                            .isSubsetOf("ecr:GetAuthorizationToken", "xray:PutTraceSegments", "xray:PutTelemetryRecords");
                }
                for (String resource : resources) {
                    if (resource.startsWith("arn:aws:secretsmanager")) {
                        assertThat(resource).matches(".*:secret:ore/(" + s.name() + "/.*|redis-\\*)");
                    }
                    if (resource.startsWith("arn:aws:ecr")) {
                        assertThat(resource).endsWith(":repository/ore/" + s.name());
                    }
                }
            }
        }
        // The execution role can read every secret the task definition injects, and only those.
        JsonNode execution = Repo.json(dir(s) + "execution-role-policy.json");
        List<String> readable = new ArrayList<>();
        for (JsonNode statement : execution.get("Statement")) {
            if (strings(statement.get("Action")).contains("secretsmanager:GetSecretValue")) {
                readable.addAll(strings(statement.get("Resource")));
            }
        }
        for (JsonNode secret : container(td, s.name()).path("secrets")) {
            String arn = secret.get("valueFrom").asString().replaceAll(":[A-Za-z0-9_-]+::$", "");
            assertThat(readable).as("execution role reads " + arn)
                    .anySatisfy(pattern -> assertThat(arn + "-AbCdEf").matches(glob(pattern)));
        }
    }

    @Test
    void placeholdersAreOnlyThoseTheDeployWorkflowFills() {
        for (var file : Repo.files("deploy/ecs", ".json")) {
            Matcher m = PLACEHOLDER.matcher(readString(file));
            while (m.find()) {
                String name = m.group(1);
                assertThat(KNOWN_PLACEHOLDERS.contains(name) || name.matches("(SG|TG|CLOUDMAP)_[A-Z_]+"))
                        .as(Repo.relative(file) + " uses ${" + name + "}").isTrue();
            }
        }
    }

    @Test
    void albRoutesEveryPublicServiceWithTheSpecsHealthCheckAndStickinessForRealtimeOnly() {
        JsonNode alb = Repo.json("deploy/ecs/alb.json");
        Map<String, JsonNode> groups = new HashMap<>();
        alb.get("targetGroups").forEach(g -> groups.put(g.get("service").asString(), g));
        for (Sizing.Service s : SIZING.containerServices()) {
            if (!s.routed()) {
                assertThat(groups).doesNotContainKey(s.name());
                continue;
            }
            JsonNode group = groups.get(s.name());
            assertThat(group).as("target group of " + s.name()).isNotNull();
            assertThat(strings(group.get("pathPatterns"))).allSatisfy(p -> assertThat(p).startsWith(s.route()));
            assertThat(group.get("port").asInt()).isEqualTo(SIZING.containerPort());
            assertThat(group.get("targetType").asString()).isEqualTo("ip");
            JsonNode health = group.get("healthCheck");
            assertThat(health.get("path").asString()).isEqualTo(SIZING.healthCheck().path());
            assertThat(health.get("intervalSeconds").asInt()).isEqualTo(SIZING.healthCheck().interval());
            assertThat(health.get("timeoutSeconds").asInt()).isEqualTo(SIZING.healthCheck().timeout());
            assertThat(health.get("unhealthyThresholdCount").asInt()).isEqualTo(SIZING.healthCheck().retries());
            JsonNode attributes = group.get("attributes");
            assertThat(attributes.get("deregistration_delay.timeout_seconds").asString())
                    .isEqualTo(Integer.toString(SIZING.shutdown().deregistrationDelaySeconds()));
            assertThat(attributes.path("stickiness.enabled").asString("false")).isEqualTo(Boolean.toString(s.sticky()));
        }
        List<String> patterns = new ArrayList<>();
        alb.get("targetGroups").forEach(g -> patterns.addAll(strings(g.get("pathPatterns"))));
        alb.get("listeners").forEach(l -> l.path("rules").forEach(r -> patterns.addAll(strings(r.get("pathPatterns")))));
        assertThat(patterns).as("internal APIs and metrics are never routed by the ALB")
                .noneMatch(p -> p.startsWith("/internal") || p.startsWith("/metrics") || p.equals("/*"));
    }

    static List<String> strings(JsonNode node) {
        if (node == null) {
            return List.of();
        }
        return node.isArray() ? node.values().stream().map(JsonNode::asString).toList() : List.of(node.asString());
    }

    static String glob(String pattern) {
        return Pattern.quote(pattern).replace("*", "\\E.*\\Q");
    }

    static String readString(java.nio.file.Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
