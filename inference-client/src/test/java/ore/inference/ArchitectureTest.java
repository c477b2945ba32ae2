package ore.inference;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Keeps the public API free of transport and framework types, so callers (and their tests) depend
 * on {@code ore.inference} alone, and the batcher plain Java.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("ore.inference");

    @Test
    void apiDoesNotDependOnGrpcProtobufResilienceOrMicronaut() {
        noClasses().that().resideInAPackage("ore.inference")
                .should().dependOnClassesThat().resideInAnyPackage("io.grpc..", "com.google.protobuf..",
                        "io.github.resilience4j..", "io.micronaut..", "io.micrometer..", "ore.inference.grpc..",
                        "ore.inference.config..")
                .check(CLASSES);
    }

    @Test
    void batcherIsPlainJava() {
        noClasses().that().resideInAPackage("ore.inference.batch..")
                .should().dependOnClassesThat().resideInAnyPackage("io.grpc..", "com.google.protobuf..",
                        "io.micronaut..", "ore.inference.grpc..", "ore.inference.config..")
                .check(CLASSES);
    }

    @Test
    void onlyConfigUsesMicronaut() {
        noClasses().that().resideOutsideOfPackage("ore.inference.config..")
                .should().dependOnClassesThat().resideInAPackage("io.micronaut..")
                .check(CLASSES);
    }
}
