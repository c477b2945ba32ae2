package ore.game;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the hexagon: the domain knows no framework, the app layer no adapter. */
@AnalyzeClasses(packages = "ore.game", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainIsPlainJava = noClasses().that().resideInAPackage("ore.game.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "jakarta..", "org.jooq..",
                    "io.lettuce..", "org.apache.kafka..", "com.uber.h3core..", "io.github.resilience4j..",
                    "com.github.benmanes..", "reactor..");

    @ArchTest
    static final ArchRule appDoesNotKnowAdapters = noClasses().that().resideInAPackage("ore.game.app..")
            .should().dependOnClassesThat().resideInAnyPackage("ore.game.adapter..", "ore.game.config..",
                    "io.micronaut.http..", "org.jooq..", "io.lettuce..", "org.apache.kafka..", "com.uber.h3core..",
                    "io.github.resilience4j..");

    @ArchTest
    static final ArchRule domainDoesNotKnowTheApp = noClasses().that().resideInAPackage("ore.game.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("ore.game.app..", "ore.game.adapter..", "ore.game.config..");

    @ArchTest
    static final ArchRule portsAreFreeOfFrameworks = noClasses().that().resideInAPackage("ore.game.app.port..")
            .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "jakarta..", "com.github.benmanes..");
}
