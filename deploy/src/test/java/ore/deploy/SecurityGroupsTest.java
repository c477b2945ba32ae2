package ore.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * deploy/ecs/security-groups.json, the network layer that keeps {@code /internal/*} and
 * {@code /metrics} off the internet: every entry is the exact input of {@code aws ec2
 * create-security-group} and {@code authorize-security-group-ingress}, only the load balancer is open
 * to the world, and each service or data store admits exactly who needs it — derived here from the
 * task definitions (who names whom, who has a database, Redis or Kafka), not listed twice by hand.
 */
class SecurityGroupsTest {

    static final BotocoreShapes EC2 = BotocoreShapes.load("deploy/schemas/ec2/botocore-ec2-2016-11-15-security-groups.json");
    static final JsonNode GROUPS = Repo.json("deploy/ecs/security-groups.json");
    static final Pattern PEER = Pattern.compile("https?://([a-z0-9-]+)\\.ore\\.local:8080");

    @Test
    void everyEntryIsTheInputOfItsEc2Calls() {
        for (var entry : GROUPS.properties()) {
            String key = entry.getKey();
            JsonNode group = entry.getValue();
            assertThat(key).matches("SG_[A-Z_]+");
            assertThat(EC2.validate(group.get("create"), "CreateSecurityGroupRequest")).as(key).isEmpty();
            assertThat(group.get("create").get("VpcId").asString()).isEqualTo("${VPC_ID}");
            assertThat(group.get("create").get("Description").asString()).as(key).isNotBlank();
            if (group.has("ingress")) {
                assertThat(EC2.validate(group.get("ingress"), "AuthorizeSecurityGroupIngressRequest")).as(key).isEmpty();
                assertThat(group.get("ingress").get("GroupId").asString()).isEqualTo("${" + key + "}");
            }
            assertThat(group.properties()).extracting(Map.Entry::getKey).allMatch(k -> k.equals("create") || k.equals("ingress"));
        }
    }

    @Test
    void everySecurityGroupTheServicesUseIsDefinedAndEveryRuleNamesADefinedGroup() {
        for (var service : EcsDescriptorsTest.SIZING.containerServices()) {
            JsonNode net = Repo.json(EcsDescriptorsTest.dir(service) + "service.json")
                    .get("networkConfiguration").get("awsvpcConfiguration").get("securityGroups");
            net.forEach(sg -> assertThat(GROUPS.has(unwrap(sg.asString()))).as(service.name() + " uses " + sg).isTrue());
        }
        for (var entry : GROUPS.properties()) {
            for (JsonNode permission : entry.getValue().path("ingress").path("IpPermissions")) {
                for (JsonNode pair : permission.path("UserIdGroupPairs")) {
                    assertThat(GROUPS.has(unwrap(pair.get("GroupId").asString()))).as(entry.getKey() + " admits " + pair).isTrue();
                    assertThat(pair.path("Description").asString()).as("why " + entry.getKey() + " admits " + pair).isNotBlank();
                }
            }
        }
    }

    @Test
    void onlyTheLoadBalancerIsOpenToTheInternetAndOnlyOnHttpAndHttps() {
        for (var entry : GROUPS.properties()) {
            for (JsonNode permission : entry.getValue().path("ingress").path("IpPermissions")) {
                boolean world = permission.path("IpRanges").valueStream().anyMatch(r -> r.get("CidrIp").asString().equals("0.0.0.0/0"))
                        || permission.path("Ipv6Ranges").valueStream().anyMatch(r -> r.get("CidrIpv6").asString().equals("::/0"));
                if (world) {
                    assertThat(entry.getKey()).isEqualTo("SG_ALB");
                    assertThat(permission.get("FromPort").asInt()).isIn(80, 443);
                }
                assertThat(permission.get("IpProtocol").asString()).isEqualTo("tcp");
                assertThat(permission.get("FromPort").asInt()).as("one port per rule").isEqualTo(permission.get("ToPort").asInt());
            }
        }
    }

    /**
     * A service's tasks admit port 8080 from the load balancer (if it has a target group), the metrics
     * scrapers, and the services whose task definitions call it — nothing else, and no other port.
     */
    @Test
    void eachServiceAdmitsExactlyTheLoadBalancerTheScrapersAndItsCallers() {
        Map<String, Set<String>> callers = new TreeMap<>();
        for (var service : EcsDescriptorsTest.SIZING.containerServices()) {
            for (String value : taskEnvironment(service.name()).values()) {
                Matcher m = PEER.matcher(value);
                while (m.find()) {
                    callers.computeIfAbsent(serviceNamed(m.group(1)), k -> new TreeSet<>()).add(group(service.name()));
                }
            }
        }
        assertThat(callers).as("the task definitions name their peers").containsKeys("auth-service", "location-service");
        for (var service : EcsDescriptorsTest.SIZING.containerServices()) {
            Set<String> expected = new TreeSet<>(callers.getOrDefault(service.name(), Set.of()));
            expected.add("SG_MONITORING");
            JsonNode svc = Repo.json(EcsDescriptorsTest.dir(service) + "service.json");
            if (!svc.path("loadBalancers").isEmpty()) {
                expected.add("SG_ALB");
            }
            assertThat(sources(group(service.name()), 8080)).as(service.name()).isEqualTo(expected);
            assertThat(ports(group(service.name()))).as(service.name() + " ports").containsExactly(8080);
        }
    }

    @Test
    void dataStoresAdmitOnlyTheServicesConfiguredToUseThem() {
        Map<String, Set<String>> users = new TreeMap<>(Map.of("SG_AURORA", new TreeSet<>(), "SG_REDIS", new TreeSet<>(),
                "SG_MSK", new TreeSet<>()));
        for (var service : EcsDescriptorsTest.SIZING.containerServices()) {
            Set<String> names = new HashSet<>(taskEnvironment(service.name()).keySet());
            EcsDescriptorsTest.container(Repo.json(EcsDescriptorsTest.dir(service) + "task-definition.json"), service.name())
                    .path("secrets").forEach(s -> names.add(s.get("name").asString()));
            if (names.contains("DATASOURCES_DEFAULT_URL")) {
                users.get("SG_AURORA").add(group(service.name()));
            }
            if (names.contains("REDIS_URI") || names.contains("REDIS_URIS")) {
                users.get("SG_REDIS").add(group(service.name()));
            }
            if (names.contains("KAFKA_BOOTSTRAP_SERVERS")) {
                users.get("SG_MSK").add(group(service.name()));
            }
        }
        assertThat(sources("SG_AURORA", 5432)).isEqualTo(users.get("SG_AURORA"));
        assertThat(sources("SG_REDIS", 6379)).isEqualTo(users.get("SG_REDIS"));
        assertThat(sources("SG_MSK", 9098)).isEqualTo(users.get("SG_MSK"));
        assertThat(users.get("SG_REDIS")).as("chain-gateway keeps nothing in Redis").doesNotContain("SG_CHAIN_GATEWAY");
        assertThat(users.get("SG_AURORA")).as("realtime-engine has no database").doesNotContain("SG_REALTIME_ENGINE");
    }

    private static Map<String, String> taskEnvironment(String service) {
        JsonNode td = Repo.json("deploy/ecs/" + service + "/task-definition.json");
        return EcsDescriptorsTest.environment(EcsDescriptorsTest.container(td, service));
    }

    /** {@code auth} (of auth.ore.local) → auth-service. */
    private static String serviceNamed(String shortName) {
        return EcsDescriptorsTest.SIZING.containerServices().stream().map(Sizing.Service::name)
                .filter(n -> n.equals(shortName) || n.startsWith(shortName + "-")).findFirst()
                .orElseThrow(() -> new AssertionError("no service behind " + shortName + ".ore.local"));
    }

    private static String group(String service) {
        return "SG_" + EcsDescriptorsTest.upper(service);
    }

    private static Set<String> sources(String group, int port) {
        Set<String> sources = new TreeSet<>();
        for (JsonNode permission : GROUPS.get(group).path("ingress").path("IpPermissions")) {
            if (permission.get("FromPort").asInt() == port) {
                permission.path("UserIdGroupPairs").forEach(p -> sources.add(unwrap(p.get("GroupId").asString())));
                assertThat(permission.path("IpRanges").isEmpty() && permission.path("Ipv6Ranges").isEmpty())
                        .as(group + " admits groups only, no address ranges").isTrue();
            }
        }
        return sources;
    }

    private static Set<Integer> ports(String group) {
        Set<Integer> ports = new TreeSet<>();
        GROUPS.get(group).path("ingress").path("IpPermissions").forEach(p -> ports.add(p.get("FromPort").asInt()));
        return ports;
    }

    private static String unwrap(String placeholder) {
        assertThat(placeholder).matches("\\$\\{[A-Z_]+}");
        return placeholder.substring(2, placeholder.length() - 1);
    }
}
