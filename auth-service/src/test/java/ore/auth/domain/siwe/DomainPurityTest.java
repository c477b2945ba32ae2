package ore.auth.domain.siwe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the domain plain Java. A source scan rather than ArchUnit because this module does not
 * depend on ArchUnit yet; the module-wide ArchUnit rule can replace it.
 */
class DomainPurityTest {

    private static final Path DOMAIN = Path.of("src/main/java/ore/auth/domain");
    /** Keccak-256 for EIP-55 is the one library function the domain may use. */
    private static final String ALLOWED_LIBRARY_IMPORT = "import org.web3j.crypto.Hash;";

    @Test
    void domainImportsOnlyTheJdkAndKeccak() throws IOException {
        List<String> imports;
        try (Stream<Path> files = Files.walk(DOMAIN)) {
            imports = files.filter(f -> f.toString().endsWith(".java"))
                    .flatMap(DomainPurityTest::lines)
                    .filter(line -> line.startsWith("import "))
                    .filter(line -> !line.startsWith("import java.") && !line.startsWith("import static java."))
                    .toList();
        }

        assertThat(imports).isNotEmpty().containsOnly(ALLOWED_LIBRARY_IMPORT);
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::strip);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
