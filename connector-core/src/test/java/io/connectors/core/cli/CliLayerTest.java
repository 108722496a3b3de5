package io.connectors.core.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The CLI is the top layer: it calls the runtime; nothing in the runtime knows it. */
class CliLayerTest {

    @Test
    void runtimePackages_doNotDependOnTheCli() {
        noClasses().that().resideOutsideOfPackage("io.connectors.core.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.connectors.core.cli..")
                .because("commands are built on the runtime's public operations, never the other way round")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.connectors.core"));
    }
}
