package ore.auth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the hexagon: the domain knows no framework, the app layer no adapter. */
@AnalyzeClasses(packages = "ore.auth", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainIsPlainJava = noClasses().that().resideInAPackage("ore.auth.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "jakarta..", "org.jooq..",
                    "io.lettuce..", "org.apache.kafka..", "com.nimbusds..", "org.bouncycastle..");

    @ArchTest
    static final ArchRule appDoesNotKnowAdapters = noClasses().that().resideInAPackage("ore.auth.app..")
            .should().dependOnClassesThat().resideInAnyPackage("ore.auth.adapter..", "io.micronaut.http..",
                    "org.jooq..", "io.lettuce..", "org.apache.kafka..");

    @ArchTest
    static final ArchRule domainDoesNotKnowTheApp = noClasses().that().resideInAPackage("ore.auth.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("ore.auth.app..", "ore.auth.adapter..");
}
