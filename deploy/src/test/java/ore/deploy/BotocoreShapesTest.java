package ore.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The shape walker itself: each kind of mistake in a task definition is reported. */
class BotocoreShapesTest {

    static final BotocoreShapes ECS = BotocoreShapes.load("deploy/schemas/ecs/botocore-ecs-2014-11-13-service-2.json");

    static JsonNode parse(String json) {
        return Repo.JSON.readTree(json);
    }

    static final String MINIMAL = """
            {"family": "ore-x", "containerDefinitions": [{"name": "x", "image": "i", "portMappings": [{"containerPort": 8080, "protocol": "tcp"}]}]}""";

    @Test
    void aMinimalTaskDefinitionFits() {
        assertThat(ECS.validate(parse(MINIMAL), "RegisterTaskDefinitionRequest")).isEmpty();
    }

    @Test
    void unknownKeysAreErrors() {
        ObjectNode td = (ObjectNode) parse(MINIMAL);
        td.put("Family", "typo");
        assertThat(ECS.validate(td, "RegisterTaskDefinitionRequest"))
                .singleElement().asString().contains("unknown key 'Family'");
    }

    @Test
    void missingRequiredMembersAreErrors() {
        assertThat(ECS.validate(parse("{\"family\": \"x\"}"), "RegisterTaskDefinitionRequest"))
                .singleElement().asString().contains("missing required 'containerDefinitions'");
    }

    @Test
    void enumsTypesAndNestingAreChecked() {
        JsonNode td = parse("""
                {"family": "x", "networkMode": "vpc", "cpu": 512,
                 "containerDefinitions": [{"name": "x", "image": "i", "essential": "yes",
                   "portMappings": [{"containerPort": "8080", "protocol": "tcp"}]}]}""");
        assertThat(ECS.validate(td, "RegisterTaskDefinitionRequest")).containsExactlyInAnyOrder(
                "$.networkMode: 'vpc' is not one of [bridge, host, awsvpc, none]",
                "$.cpu: expected a string (String), got NUMBER",
                "$.containerDefinitions[0].essential: expected true or false (BoxedBoolean), got STRING",
                "$.containerDefinitions[0].portMappings[0].containerPort: expected an integer (BoxedInteger), got STRING");
    }
}
