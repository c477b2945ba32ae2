package ore.deploy;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * deploy/sizing.yaml: the one table every deployment is checked against.
 *
 * @param services per service, in the file's order
 */
record Sizing(Map<String, Service> services, HealthCheck healthCheck, Shutdown shutdown, int containerPort) {

    /** cpu in ECS units (1024 = 1 vCPU), memory in MiB; scaleMetric null when not autoscaled. */
    record Service(String name, int cpu, int memory, int gpu, String capacity, int onDemandBase, int desired,
                   int min, int max, String scaleMetric, int scaleTarget, int pool, String route, boolean sticky,
                   String discovery, boolean onPrem, boolean k3sOnly) {

        boolean routed() {
            return route != null;
        }

        boolean autoscaled() {
            return min != max;
        }

        boolean usesDatabase() {
            return pool > 0;
        }

        /** Kubernetes CPU quantity of the same amount: 512 → 512m, 1024 → 1, 2048 → 2. */
        String kubernetesCpu() {
            return cpu % 1024 == 0 ? Integer.toString(cpu / 1024) : (cpu * 1000 / 1024) + "m";
        }

        String kubernetesMemory() {
            return memory + "Mi";
        }
    }

    record HealthCheck(String path, int interval, int timeout, int retries, int startPeriod) {
    }

    record Shutdown(int drainDelaySeconds, int deregistrationDelaySeconds, int stopTimeoutSeconds) {
    }

    static Sizing load() {
        JsonNode root = Repo.yaml("deploy/sizing.yaml");
        Map<String, Service> services = new LinkedHashMap<>();
        for (var entry : root.get("services").properties()) {
            JsonNode s = entry.getValue();
            JsonNode scale = s.path("scaleOn");
            services.put(entry.getKey(), new Service(entry.getKey(), s.get("cpu").asInt(), s.get("memory").asInt(),
                    s.path("gpu").asInt(0), s.path("capacity").asString(null), s.path("onDemandBase").asInt(0),
                    s.get("desired").asInt(), s.get("min").asInt(), s.get("max").asInt(),
                    scale.path("metric").asString(null), scale.path("target").asInt(0), s.path("pool").asInt(0),
                    s.path("route").asString(null), s.path("sticky").asBoolean(false),
                    s.path("discovery").asString(null), s.path("onPrem").asBoolean(false),
                    s.path("k3sOnly").asBoolean(false)));
        }
        JsonNode h = root.get("healthCheck");
        JsonNode d = root.get("shutdown");
        return new Sizing(services,
                new HealthCheck(h.get("path").asString(), h.get("interval").asInt(), h.get("timeout").asInt(),
                        h.get("retries").asInt(), h.get("startPeriod").asInt()),
                new Shutdown(d.get("drainDelaySeconds").asInt(), d.get("deregistrationDelaySeconds").asInt(),
                        d.get("stopTimeoutSeconds").asInt()),
                root.get("containerPort").asInt());
    }

    /** The services ECS and docker-compose run (everything but the K3s-only GPU server). */
    java.util.List<Service> containerServices() {
        return services.values().stream().filter(s -> !s.k3sOnly()).toList();
    }
}
