package ore.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * deploy/k3s/: both overlays as kubectl renders them, every document against the Kubernetes 1.30
 * schemas, hardening rules in the spirit of kube-score and Polaris with zero findings, the sizing
 * table, and the Grafana dashboards as the sidecar's ConfigMaps.
 */
class KubernetesManifestsTest {

    static final Sizing SIZING = Sizing.load();
    static final List<String> OVERLAYS = List.of("deploy/k3s/overlays/onprem", "deploy/k3s/overlays/cluster");
    static final Map<String, List<JsonNode>> RENDERED = new HashMap<>();

    static synchronized List<JsonNode> rendered(String overlay) {
        return RENDERED.computeIfAbsent(overlay, Kustomize::render);
    }

    static Stream<String> overlays() {
        return OVERLAYS.stream();
    }

    static List<JsonNode> ofKind(List<JsonNode> documents, String kind) {
        return documents.stream().filter(d -> d.get("kind").asString().equals(kind)).toList();
    }

    static String name(JsonNode document) {
        return document.get("metadata").get("name").asString();
    }

    /** deployment-apps-v1.json for apps/v1 Deployment, service-v1.json for v1 Service. */
    static String schemaFile(JsonNode document) {
        String apiVersion = document.get("apiVersion").asString();
        String kind = document.get("kind").asString().toLowerCase();
        String[] parts = apiVersion.split("/");
        return parts.length == 1 ? kind + "-" + parts[0] + ".json"
                : kind + "-" + parts[0].split("\\.")[0] + "-" + parts[1] + ".json";
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyRenderedDocumentFitsTheKubernetes130Schema(String overlay) {
        List<JsonNode> documents = rendered(overlay);
        assertThat(documents).isNotEmpty();
        for (JsonNode document : documents) {
            String schema = "kubernetes/" + schemaFile(document);
            assertThat(Repo.root().resolve("deploy/schemas/" + schema))
                    .as("a schema for " + document.get("kind").asString() + " (vendor it into deploy/schemas/kubernetes)")
                    .exists();
            assertThat(JsonSchemas.validate(schema, document)).as(overlay + ": " + document.get("kind").asString()
                    + " " + name(document)).isEmpty();
        }
    }

    @Test
    void everyKustomizationFitsItsSchema() {
        List<java.nio.file.Path> files = new ArrayList<>(Repo.files("deploy/k3s", "kustomization.yaml"));
        files.addAll(Repo.files(Dashboards.FOLDER, "kustomization.yaml"));
        assertThat(files).hasSizeGreaterThanOrEqualTo(4);
        for (var file : files) {
            assertThat(JsonSchemas.validate("kustomize/kustomization.json", Repo.yaml(file)))
                    .as(Repo.relative(file)).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void hardeningRulesHaveNoFindings(String overlay) {
        List<JsonNode> documents = rendered(overlay);
        List<String> findings = Hardening.findings(documents);
        assertThat(findings).as(overlay).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void resourcesReplicasAndAutoscalingEqualTheSizingTable(String overlay) {
        List<JsonNode> documents = rendered(overlay);
        Map<String, JsonNode> hpas = new HashMap<>();
        ofKind(documents, "HorizontalPodAutoscaler").forEach(h -> hpas.put(
                h.at("/spec/scaleTargetRef/name").asString(), h));
        List<JsonNode> deployments = ofKind(documents, "Deployment");
        assertThat(deployments).isNotEmpty();
        for (JsonNode deployment : deployments) {
            String name = name(deployment);
            Sizing.Service s = SIZING.services().get(name);
            assertThat(s).as("sizing.yaml has " + name).isNotNull();
            assertThat(deployment.at("/spec/replicas").asInt()).as(name + " replicas").isEqualTo(s.desired());
            JsonNode main = Hardening.containers(deployment, false).get(0);
            assertThat(main.at("/resources/requests/cpu").asString()).as(name).isEqualTo(s.kubernetesCpu());
            assertThat(main.at("/resources/limits/cpu").asString()).as(name).isEqualTo(s.kubernetesCpu());
            assertThat(main.at("/resources/requests/memory").asString()).as(name).isEqualTo(s.kubernetesMemory());
            assertThat(main.at("/resources/limits/memory").asString()).as(name).isEqualTo(s.kubernetesMemory());
            if (s.gpu() > 0) {
                assertThat(main.at("/resources/limits/nvidia.com~1gpu").asString()).isEqualTo(Integer.toString(s.gpu()));
            } else if (!s.k3sOnly()) {
                assertThat(deployment.at("/spec/template/spec/terminationGracePeriodSeconds").asInt())
                        .isEqualTo(SIZING.shutdown().stopTimeoutSeconds());
            }
            JsonNode hpa = hpas.get(name);
            if (!s.autoscaled()) {
                assertThat(hpa).as(name + " has a fixed size").isNull();
                continue;
            }
            assertThat(hpa).as("autoscaler of " + name).isNotNull();
            assertThat(hpa.at("/spec/minReplicas").asInt()).isEqualTo(s.min());
            assertThat(hpa.at("/spec/maxReplicas").asInt()).isEqualTo(s.max());
            JsonNode metric = hpa.at("/spec/metrics/0");
            assertThat(hpa.at("/spec/metrics").size()).isEqualTo(1);
            switch (s.scaleMetric()) {
                case "cpu", "memory" -> {
                    assertThat(metric.at("/resource/name").asString()).isEqualTo(s.scaleMetric());
                    assertThat(metric.at("/resource/target/averageUtilization").asInt()).isEqualTo(s.scaleTarget());
                }
                case "connections" -> {
                    assertThat(metric.get("type").asString()).isEqualTo("Pods");
                    assertThat(metric.at("/pods/target/averageValue").asString())
                            .isEqualTo(Integer.toString(s.scaleTarget()));
                }
                default -> throw new AssertionError(s.scaleMetric());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void settingsAgreeWithEcs(String overlay) {
        List<JsonNode> documents = rendered(overlay);
        Map<String, JsonNode> configMaps = new HashMap<>();
        ofKind(documents, "ConfigMap").forEach(c -> configMaps.put(name(c), c));
        for (JsonNode deployment : ofKind(documents, "Deployment")) {
            Sizing.Service s = SIZING.services().get(name(deployment));
            if (s.k3sOnly()) {
                continue;
            }
            Map<String, String> env = new HashMap<>();
            List<String> fromSecrets = new ArrayList<>();
            JsonNode main = Hardening.containers(deployment, false).get(0);
            for (JsonNode from : main.path("envFrom")) {
                String configMap = from.at("/configMapRef/name").asString(null);
                if (configMap != null) {
                    assertThat(configMaps).as(s.name() + " reads ConfigMap " + configMap).containsKey(configMap);
                    configMaps.get(configMap).path("data").properties()
                            .forEach(e -> env.put(e.getKey(), e.getValue().asString()));
                }
                assertThat(from.has("secretRef")).as("secrets by key, not whole Secrets").isFalse();
            }
            for (JsonNode e : main.path("env")) {
                if (e.has("value")) {
                    env.put(e.get("name").asString(), e.get("value").asString());
                } else if (e.at("/valueFrom/secretKeyRef/name").isString()) {
                    assertThat(e.at("/valueFrom/secretKeyRef/name").asString()).isEqualTo(s.name() + "-secrets");
                    fromSecrets.add(e.get("name").asString());
                }
            }
            assertThat(env).as(s.name()).containsEntry("ORE_SHUTDOWN_DRAIN_DELAY",
                    SIZING.shutdown().drainDelaySeconds() + "s");
            if (s.usesDatabase()) {
                assertThat(env).containsEntry("DATASOURCES_DEFAULT_MAXIMUM_POOL_SIZE", Integer.toString(s.pool()));
                assertThat(fromSecrets).contains("DATASOURCES_DEFAULT_PASSWORD");
            }
            if (s.routed()) {
                assertThat(env).containsEntry("ORE_RATE_LIMIT_TRUSTED_PROXIES", "1");
            }
            if (List.of("location-service", "game-service", "realtime-engine").contains(s.name())) {
                assertThat(env).containsEntry("ORE_REALTIME_SHARDED_PUBSUB", "true");
            }
            for (String key : env.keySet()) {
                assertThat(key).as(s.name() + ": secret-looking setting in a ConfigMap")
                        .doesNotContainPattern("PASSWORD|SECRET|SIGNING_KEYS|PRIVATE_KEY|RPC_URLS|REDIS_URI");
            }
            List<String> all = new ArrayList<>(env.keySet());
            all.addAll(fromSecrets);
            all.removeIf(n -> n.startsWith("AWS_") || n.equals("HOME"));
            assertThat(Settings.unknown(s.name(), all)).as(s.name() + ": settings the service does not read").isEmpty();
        }
    }

    /**
     * Tracing on K3s (docs/operations.md "Tracing"): every ORE service sends its spans to the
     * collector's Service, its NetworkPolicy lets it, and the collector admits them, samples by tail
     * and sends what it keeps on.
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceSendsItsSpansToTheTailSamplingCollector(String overlay) {
        List<JsonNode> documents = rendered(overlay);
        Map<String, JsonNode> configMaps = new HashMap<>();
        ofKind(documents, "ConfigMap").forEach(c -> configMaps.put(name(c), c));
        Map<String, JsonNode> policies = new HashMap<>();
        ofKind(documents, "NetworkPolicy").forEach(p -> policies.put(name(p), p));
        JsonNode service = ofKind(documents, "Service").stream().filter(d -> name(d).equals("otel-collector"))
                .findFirst().orElseThrow(() -> new AssertionError(overlay + " renders the collector's Service"));
        assertThat(service.at("/spec/ports").values()).extracting(p -> p.get("port").asInt()).containsExactly(4318);
        for (JsonNode deployment : ofKind(documents, "Deployment")) {
            Sizing.Service s = SIZING.services().get(name(deployment));
            if (s.k3sOnly()) {
                continue;
            }
            assertThat(configMaps.get(s.name() + "-config").at("/data/ORE_OTEL_ENDPOINT").asString())
                    .as(s.name()).isEqualTo("http://otel-collector.ore.svc:4318");
            assertThat(policies.get(s.name()).at("/spec/egress").values()).as(s.name() + " may reach the collector")
                    .anySatisfy(rule -> {
                        assertThat(rule.at("/to/0/podSelector/matchLabels/app.kubernetes.io~1name").asString())
                                .isEqualTo("otel-collector");
                        assertThat(rule.at("/ports/0/port").asInt()).isEqualTo(4318);
                    });
        }
        JsonNode collector = policies.get("otel-collector");
        assertThat(collector.at("/spec/ingress/0/from/0/podSelector/matchLabels/app.kubernetes.io~1part-of").asString())
                .isEqualTo("ore");
        JsonNode config = Repo.yamlDocuments(configMaps.get("otel-collector-config").at("/data/config.yaml").asString())
                .getFirst();
        assertThat(config.at("/receivers/otlp/protocols/http/endpoint").asString()).endsWith(":4318");
        assertThat(config.at("/service/pipelines/traces/processors").values()).extracting(JsonNode::asString)
                .containsSubsequence("memory_limiter", "tail_sampling", "batch");
        assertThat(config.at("/processors/tail_sampling/policies").values())
                .extracting(policy -> policy.get("name").asString())
                .containsExactlyInAnyOrder("errors", "slow", "share");
        assertThat(config.at("/exporters/otlphttp/timeout").asString()).isNotEmpty();
        // The ECS sidecar samples by the same policies.
        JsonNode adot = Repo.yamlDocuments(EcsDescriptorsTest.readString(
                Repo.file("deploy/ecs/observability/adot-collector.yaml"))).getFirst();
        assertThat(adot.at("/processors/tail_sampling/policies")).isEqualTo(config.at("/processors/tail_sampling/policies"));
    }

    @Test
    void onPremOverlayRunsWhatTheSizingTablePutsOnPremAndTheClusterOverlayRunsEverything() {
        List<String> onprem = ofKind(rendered(OVERLAYS.get(0)), "Deployment").stream().map(KubernetesManifestsTest::name).sorted().toList();
        List<String> expected = SIZING.services().values().stream().filter(Sizing.Service::onPrem)
                .map(Sizing.Service::name).sorted().toList();
        assertThat(onprem).isEqualTo(expected);
        List<String> cluster = ofKind(rendered(OVERLAYS.get(1)), "Deployment").stream().map(KubernetesManifestsTest::name).sorted().toList();
        assertThat(cluster).containsExactlyInAnyOrderElementsOf(SIZING.services().keySet());
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyDashboardIsAConfigMapTheGrafanaSidecarLoads(String overlay) throws java.io.IOException {
        List<JsonNode> labelled = ofKind(rendered(overlay), "ConfigMap").stream()
                .filter(c -> c.at("/metadata/labels/grafana_dashboard").asString("").equals("1")).toList();
        Map<String, String> dashboards = new HashMap<>();
        for (JsonNode configMap : labelled) {
            assertThat(configMap.at("/metadata/namespace").asString()).as(name(configMap)).isEqualTo("ore");
            assertThat(configMap.path("data").size()).as(name(configMap) + ": one dashboard per ConfigMap").isEqualTo(1);
            configMap.path("data").properties().forEach(e -> assertThat(dashboards.put(e.getKey(), e.getValue().asString()))
                    .as(overlay + ": " + e.getKey() + " is provisioned once").isNull());
            // kubectl apply (client side) keeps a copy in an annotation, and annotations hold 256 KiB.
            assertThat(Repo.JSON.writeValueAsString(configMap).length()).as(name(configMap) + " size").isLessThan(250_000);
        }
        List<Dashboards.Dashboard> files = Dashboards.all();
        assertThat(dashboards.keySet()).as(overlay + ": the dashboards' ConfigMaps")
                .containsExactlyInAnyOrderElementsOf(files.stream().map(d -> d.file().getFileName().toString()).toList());
        for (Dashboards.Dashboard d : files) {
            assertThat(dashboards.get(d.file().getFileName().toString())).as(overlay + ": " + d.file().getFileName()
                    + " as in git").isEqualTo(java.nio.file.Files.readString(d.file()));
        }
    }

    @Test
    void tritonServesTheModelLocationServiceChecksAtStartUp() {
        String config = EcsDescriptorsTest.readString(Repo.file("deploy/k3s/base/triton/models/anticheat/config.pbtxt"));
        String spec = EcsDescriptorsTest.readString(Repo.file(
                "location-service/src/main/java/ore/location/config/AntiCheatModelSpec.java"));
        String model = EcsDescriptorsTest.readString(Repo.file(
                "location-service/src/main/java/ore/location/adapter/out/model/TritonCheatModel.java"));
        String features = EcsDescriptorsTest.readString(Repo.file(
                "location-service/src/main/java/ore/location/domain/anticheat/FeatureExtractor.java"));
        assertThat(spec).contains("DataType.FP32, -1, FeatureExtractor.WINDOW, FeatureExtractor.FEATURES")
                .contains("output(TritonCheatModel.OUTPUT, DataType.FP32, -1, 1)");
        String input = constant(model, "INPUT");
        String output = constant(model, "OUTPUT");
        String window = constant(features, "WINDOW");
        String featureCount = constant(features, "FEATURES");
        String flat = config.replaceAll("#[^\\n]*", "").replaceAll("\\s+", " ");
        assertThat(flat).contains("name: \"anticheat\"");
        assertThat(flat).containsPattern("name: \"" + input + "\" data_type: TYPE_FP32 dims: \\[ ?" + window + ", ?"
                + featureCount + " ?]");
        assertThat(flat).containsPattern("name: \"" + output + "\" data_type: TYPE_FP32 dims: \\[ ?1 ?]");
        assertThat(flat).containsPattern("max_batch_size: [1-9][0-9]*");
    }

    static String constant(String source, String name) {
        var m = java.util.regex.Pattern.compile("\\b" + name + "\\s*=\\s*\"?([A-Za-z0-9_]+)\"?\\s*;").matcher(source);
        assertThat(m.find()).as("constant " + name).isTrue();
        return Objects.requireNonNull(m.group(1));
    }
}
