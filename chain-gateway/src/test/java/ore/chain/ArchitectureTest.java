package ore.chain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the hexagon: the domain knows no framework, the app layer no adapter and no chain library. */
@AnalyzeClasses(packages = "ore.chain", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainIsPlainJava = noClasses().that().resideInAPackage("ore.chain.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "jakarta..", "org.jooq..",
                    "org.apache.kafka..", "io.github.resilience4j..", "org.web3j..", "software.amazon..",
                    "io.micrometer..", "org.slf4j..");

    @ArchTest
    static final ArchRule appDoesNotKnowAdapters = noClasses().that().resideInAPackage("ore.chain.app..")
            .should().dependOnClassesThat().resideInAnyPackage("ore.chain.adapter..", "ore.chain.config..",
                    "io.micronaut..", "org.jooq..", "org.apache.kafka..", "io.github.resilience4j..", "org.web3j..",
                    "software.amazon..", "okhttp3..");

    @ArchTest
    static final ArchRule domainDoesNotKnowTheApp = noClasses().that().resideInAPackage("ore.chain.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("ore.chain.app..", "ore.chain.adapter..", "ore.chain.config..");
}
