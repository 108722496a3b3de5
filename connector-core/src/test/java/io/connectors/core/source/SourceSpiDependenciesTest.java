package io.connectors.core.source;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The Source SPI is what third parties compile against, so it must not leak framework internals. */
class SourceSpiDependenciesTest {

    @Test
    void sourcePackage_dependsOnlyOnJdkReactorSlf4jAndJSpecify() {
        JavaClasses spi = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.connectors.core.source");

        // the SPI is the package itself; its sub-package loader/ is runtime
        classes().that().resideInAPackage("io.connectors.core.source")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "io.connectors.core.source", "java..", "reactor..", "org.reactivestreams..",
                        "org.slf4j..", "org.jspecify..")
                .because("the Source SPI may only use the JDK, Reactor, SLF4J and JSpecify")
                .check(spi);
    }
}
