package ore.location;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the hexagon: the domain knows no framework, the app layer no adapter. */
@AnalyzeClasses(packages = "ore.location", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainIsPlainJava = noClasses().that().resideInAPackage("ore.location.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "jakarta..", "org.jooq..",
                    "io.lettuce..", "org.apache.kafka..", "io.grpc..", "com.nimbusds..");

    @ArchTest
    static final ArchRule appDoesNotKnowAdapters = noClasses().that().resideInAPackage("ore.location.app..")
            .should().dependOnClassesThat().resideInAnyPackage("ore.location.adapter..", "ore.location.config..",
                    "io.micronaut.http..", "org.jooq..", "io.lettuce..", "org.apache.kafka..", "io.grpc..");

    @ArchTest
    static final ArchRule domainDoesNotKnowTheApp = noClasses().that().resideInAPackage("ore.location.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("ore.location.app..", "ore.location.adapter..");

    @ArchTest
    static final ArchRule fixVocabularyDoesNotKnowTheRules = noClasses().that().resideInAPackage("ore.location.domain.fix..")
            .should().dependOnClassesThat().resideInAnyPackage("ore.location.domain.anticheat..", "ore.location.domain.zone..");
}
