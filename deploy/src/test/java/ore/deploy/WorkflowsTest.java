package ore.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** .github/workflows: the workflow schema, actions pinned by commit, and the deploy path. */
class WorkflowsTest {

    static Stream<Path> workflows() {
        return Repo.files(".github/workflows", ".yml").stream();
    }

    @ParameterizedTest
    @MethodSource("workflows")
    void everyWorkflowFitsTheSchemaDeclaresPermissionsAndPinsActionsByCommit(Path file) {
        JsonNode workflow = Repo.yaml(file);
        assertThat(JsonSchemas.validate("github-workflow/github-workflow.json", workflow)).as(Repo.relative(file)).isEmpty();
        assertThat(workflow.has("permissions")).as(Repo.relative(file) + " declares its token permissions").isTrue();
        List<String> uses = new ArrayList<>();
        for (JsonNode job : workflow.path("jobs")) {
            if (job.has("uses")) {
                uses.add(job.get("uses").asString());
            }
            job.path("steps").forEach(step -> {
                if (step.has("uses")) {
                    uses.add(step.get("uses").asString());
                }
            });
        }
        for (String action : uses) {
            assertThat(action).as(Repo.relative(file) + ": " + action)
                    .matches("\\./.*|[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}");
        }
    }

    @Test
    void deployWorkflowShipsEveryEcsServiceAndWaitsForStabilityBehindAnApprovedEnvironment() throws Exception {
        JsonNode workflow = Repo.yaml(".github/workflows/deploy-ecs.yml");
        String text = java.nio.file.Files.readString(Repo.file(".github/workflows/deploy-ecs.yml"));
        for (Sizing.Service s : Sizing.load().containerServices()) {
            assertThat(text).as("deploys " + s.name()).contains(s.name());
        }
        assertThat(text).contains("deploy/ecs/").contains("task-definition.json");
        assertThat(text).contains("wait-for-service-stability: true");
        assertThat(workflow.at("/permissions/id-token").isMissingNode())
                .as("the OIDC token only for the jobs that talk to AWS").isTrue();
        List<String> oidcJobs = new ArrayList<>();
        workflow.path("jobs").properties().forEach(job -> {
            if ("write".equals(job.getValue().at("/permissions/id-token").asString(""))) {
                oidcJobs.add(job.getKey());
            }
        });
        assertThat(oidcJobs).as("jobs that assume the AWS role through OIDC (no stored AWS keys)").isNotEmpty();
        List<String> environments = new ArrayList<>();
        workflow.path("jobs").forEach(job -> {
            JsonNode env = job.path("environment");
            environments.add(env.isObject() ? env.path("name").asString("") : env.asString(""));
        });
        assertThat(environments).contains("production");
        assertThat(text).doesNotContain("AWS_SECRET_ACCESS_KEY").doesNotContain("aws-secret-access-key");
    }

    @Test
    void testsRunTheReadmesCommandThroughCiRun() throws Exception {
        String all = String.join("\n", workflows().map(p -> EcsDescriptorsTest.readString(p)).toList());
        assertThat(all).contains(".ci/run");
    }
}
