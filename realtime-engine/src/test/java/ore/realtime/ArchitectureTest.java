package ore.realtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The module shape: a framework-free domain, an app core that does not know its adapters. */
@AnalyzeClasses(packages = "ore.realtime", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainIsPlainJava = noClasses().that().resideInAPackage("ore.realtime.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "io.netty..", "io.lettuce..",
                    "org.apache.kafka..", "jakarta..", "com.uber..", "io.micrometer..", "ore.realtime.app..",
                    "ore.realtime.adapter..", "ore.realtime.config..");

    @ArchTest
    static final ArchRule appDoesNotKnowAdapters = noClasses().that().resideInAPackage("ore.realtime.app..")
            .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "io.netty..", "io.lettuce..",
                    "org.apache.kafka..", "ore.realtime.adapter..", "ore.realtime.config..");

    @ArchTest
    static final ArchRule adaptersDoNotDependOnEachOther = noClasses().that().resideInAPackage("ore.realtime.adapter.in..")
            .should().dependOnClassesThat().resideInAPackage("ore.realtime.adapter.out..");
}
