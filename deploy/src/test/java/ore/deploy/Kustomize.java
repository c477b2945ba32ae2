package ore.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/** Renders an overlay with kubectl's built-in kustomize, exactly as an operator applies it. */
final class Kustomize {

    private Kustomize() {
    }

    static List<JsonNode> render(String overlay) {
        ProcessBuilder builder = new ProcessBuilder("kubectl", "kustomize", overlay)
                .directory(Repo.root().toFile())
                .redirectErrorStream(false);
        try {
            Process process = builder.start();
            byte[] out;
            byte[] err;
            try (var stdout = process.getInputStream(); var stderr = process.getErrorStream()) {
                // Small outputs: read stdout fully, then stderr (kustomize writes errors only on failure).
                out = stdout.readAllBytes();
                err = stderr.readAllBytes();
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("kubectl kustomize " + overlay + " did not finish in 60 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + overlay + " failed: "
                        + new String(err, StandardCharsets.UTF_8));
            }
            return Repo.yamlDocuments(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("kubectl (with kustomize) is needed on the PATH to check deploy/k3s: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
