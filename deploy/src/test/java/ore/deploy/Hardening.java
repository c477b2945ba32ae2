package ore.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Hardening and availability rules for rendered Kubernetes documents, after kube-score's and
 * Polaris's checks: pod and container security contexts, resources, image tags, probes, service
 * accounts, host access, disruption budgets, network policies, spreading, and that selectors
 * and references point at something real. Each finding names the document and the rule.
 */
final class Hardening {

    private Hardening() {
    }

    static List<JsonNode> containers(JsonNode workload, boolean withInit) {
        List<JsonNode> list = new ArrayList<>();
        JsonNode pod = workload.at("/spec/template/spec");
        pod.path("containers").forEach(list::add);
        if (withInit) {
            pod.path("initContainers").forEach(list::add);
        }
        return list;
    }

    static Map<String, String> labels(JsonNode node) {
        Map<String, String> labels = new HashMap<>();
        node.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
        return labels;
    }

    /** Whether a matchLabels selector (non-empty) selects pods with these labels. */
    static boolean selects(JsonNode matchLabels, Map<String, String> podLabels) {
        if (matchLabels == null || matchLabels.isMissingNode() || matchLabels.isEmpty()) {
            return false;
        }
        return labels(matchLabels).entrySet().stream()
                .allMatch(e -> e.getValue().equals(podLabels.get(e.getKey())));
    }

    static List<String> findings(List<JsonNode> documents) {
        List<String> findings = new ArrayList<>();
        Map<String, List<JsonNode>> byKind = new HashMap<>();
        documents.forEach(d -> byKind.computeIfAbsent(d.get("kind").asString(), k -> new ArrayList<>()).add(d));
        List<JsonNode> deployments = byKind.getOrDefault("Deployment", List.of());
        List<String> serviceAccounts = byKind.getOrDefault("ServiceAccount", List.of()).stream()
                .map(KubernetesManifestsTest::name).toList();

        if (byKind.containsKey("Secret")) {
            findings.add("Secret objects are rendered: secrets are created by operators, never kept in the repository");
        }
        boolean defaultDeny = byKind.getOrDefault("NetworkPolicy", List.of()).stream().anyMatch(p ->
                p.at("/spec/podSelector").isEmpty()
                        && p.at("/spec/policyTypes").toString().contains("Ingress")
                        && p.at("/spec/policyTypes").toString().contains("Egress")
                        && p.at("/spec/ingress").isMissingNode() && p.at("/spec/egress").isMissingNode());
        if (!defaultDeny) {
            findings.add("no default-deny NetworkPolicy (empty podSelector, Ingress and Egress, no rules)");
        }
        for (JsonNode namespace : byKind.getOrDefault("Namespace", List.of())) {
            if (!namespace.at("/metadata/labels/pod-security.kubernetes.io~1enforce").isString()) {
                findings.add("Namespace " + KubernetesManifestsTest.name(namespace) + ": no Pod Security enforce label");
            }
        }

        for (JsonNode deployment : deployments) {
            String where = "Deployment " + KubernetesManifestsTest.name(deployment) + ": ";
            JsonNode pod = deployment.at("/spec/template/spec");
            Map<String, String> podLabels = labels(deployment.at("/spec/template/metadata/labels"));
            if (pod.path("hostNetwork").asBoolean(false) || pod.path("hostPID").asBoolean(false)
                    || pod.path("hostIPC").asBoolean(false)) {
                findings.add(where + "shares a host namespace");
            }
            pod.path("volumes").forEach(v -> {
                if (v.has("hostPath")) {
                    findings.add(where + "mounts a hostPath volume");
                }
            });
            if (pod.path("automountServiceAccountToken").asBoolean(true)) {
                findings.add(where + "mounts a service account token it does not need");
            }
            String account = pod.path("serviceAccountName").asString("default");
            if (account.equals("default") || !serviceAccounts.contains(account)) {
                findings.add(where + "runs as service account '" + account + "', not its own");
            }
            JsonNode podSecurity = pod.path("securityContext");
            if (!podSecurity.path("runAsNonRoot").asBoolean(false)) {
                findings.add(where + "runAsNonRoot is not true");
            }
            if (podSecurity.path("runAsUser").asInt(0) < 1000) {
                findings.add(where + "runAsUser is unset or below 1000");
            }
            if (!"RuntimeDefault".equals(podSecurity.at("/seccompProfile/type").asString(""))) {
                findings.add(where + "seccomp profile is not RuntimeDefault");
            }
            for (JsonNode c : containers(deployment, true)) {
                String cw = where + "container " + c.get("name").asString() + ": ";
                JsonNode sc = c.path("securityContext");
                if (sc.path("allowPrivilegeEscalation").asBoolean(true)) {
                    findings.add(cw + "allowPrivilegeEscalation is not false");
                }
                if (!sc.path("readOnlyRootFilesystem").asBoolean(false)) {
                    findings.add(cw + "root filesystem is writable");
                }
                if (sc.path("privileged").asBoolean(false)) {
                    findings.add(cw + "privileged");
                }
                if (!sc.at("/capabilities/drop").toString().contains("\"ALL\"")) {
                    findings.add(cw + "does not drop ALL capabilities");
                }
                if (!sc.at("/capabilities/add").isMissingNode() && !sc.at("/capabilities/add").isEmpty()) {
                    findings.add(cw + "adds capabilities");
                }
                for (String kind : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        if (!c.at("/resources/" + kind + "/" + resource).isString()
                                && !c.at("/resources/" + kind + "/" + resource).isNumber()) {
                            findings.add(cw + "no " + resource + " " + kind);
                        }
                    }
                }
                String image = c.path("image").asString("");
                String tagPart = image.contains("@") ? "digest" : image.substring(image.lastIndexOf('/') + 1);
                if (!tagPart.equals("digest") && (!tagPart.contains(":") || tagPart.endsWith(":latest"))) {
                    findings.add(cw + "image '" + image + "' is not pinned to a tag or digest");
                }
                c.path("ports").forEach(p -> {
                    if (p.has("hostPort")) {
                        findings.add(cw + "binds a host port");
                    }
                });
            }
            for (JsonNode c : containers(deployment, false)) {
                String cw = where + "container " + c.get("name").asString() + ": ";
                JsonNode readiness = c.path("readinessProbe");
                JsonNode liveness = c.path("livenessProbe");
                if (readiness.isMissingNode() || liveness.isMissingNode()) {
                    findings.add(cw + "needs both a readiness and a liveness probe");
                } else if (readiness.equals(liveness)) {
                    findings.add(cw + "readiness and liveness probes are identical (a dependency outage would restart it)");
                }
            }
            int replicas = deployment.at("/spec/replicas").asInt(1);
            boolean spread = !pod.at("/affinity/podAntiAffinity").isMissingNode()
                    || !pod.path("topologySpreadConstraints").isEmpty();
            if (replicas > 1 && !spread) {
                findings.add(where + replicas + " replicas without anti-affinity or topology spread");
            }
            List<JsonNode> budgets = byKind.getOrDefault("PodDisruptionBudget", List.of()).stream()
                    .filter(b -> selects(b.at("/spec/selector/matchLabels"), podLabels)).toList();
            if (budgets.isEmpty()) {
                findings.add(where + "no PodDisruptionBudget selects it");
            }
            for (JsonNode budget : budgets) {
                JsonNode min = budget.at("/spec/minAvailable");
                if (min.isInt() && min.asInt() >= replicas) {
                    findings.add(where + "its PodDisruptionBudget blocks every eviction");
                }
                if (budget.at("/spec/maxUnavailable").isInt() && budget.at("/spec/maxUnavailable").asInt() < 1) {
                    findings.add(where + "its PodDisruptionBudget blocks every eviction");
                }
            }
            boolean policed = byKind.getOrDefault("NetworkPolicy", List.of()).stream()
                    .anyMatch(p -> selects(p.at("/spec/podSelector/matchLabels"), podLabels));
            if (!policed) {
                findings.add(where + "no NetworkPolicy of its own selects it");
            }
        }

        for (JsonNode service : byKind.getOrDefault("Service", List.of())) {
            if ("ExternalName".equals(service.at("/spec/type").asString(""))) {
                continue;
            }
            String where = "Service " + KubernetesManifestsTest.name(service) + ": ";
            List<JsonNode> targets = deployments.stream()
                    .filter(d -> selects(service.at("/spec/selector"), labels(d.at("/spec/template/metadata/labels"))))
                    .toList();
            if (targets.isEmpty()) {
                findings.add(where + "selects no Deployment");
                continue;
            }
            for (JsonNode port : service.at("/spec/ports")) {
                JsonNode target = port.path("targetPort");
                boolean found = targets.stream().flatMap(d -> containers(d, false).stream())
                        .flatMap(c -> c.path("ports").values().stream())
                        .anyMatch(p -> target.isMissingNode()
                                ? p.get("containerPort").asInt() == port.get("port").asInt()
                                : target.isString() ? target.asString().equals(p.path("name").asString(""))
                                        : p.get("containerPort").asInt() == target.asInt());
                if (!found) {
                    findings.add(where + "port " + port + " matches no container port");
                }
            }
        }
        for (JsonNode hpa : byKind.getOrDefault("HorizontalPodAutoscaler", List.of())) {
            String target = hpa.at("/spec/scaleTargetRef/name").asString();
            if (deployments.stream().noneMatch(d -> KubernetesManifestsTest.name(d).equals(target))) {
                findings.add("HorizontalPodAutoscaler " + KubernetesManifestsTest.name(hpa) + ": targets missing " + target);
            }
        }
        return findings;
    }
}
