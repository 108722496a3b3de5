package io.connectors.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The API is what third parties compile against: it must not leak anything of a runtime. */
class ApiDependenciesTest {

    private static JavaClasses api;

    @BeforeAll
    static void importClasses() {
        api = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.connectors.api");
    }

    @Test
    void api_dependsOnlyOnTheJdkReactorAndJSpecify() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage(
                        "io.connectors.api..", "java..", "reactor..", "org.reactivestreams..", "org.jspecify..")
                .because("connector-api depends on reactor-core and jspecify only")
                .check(api);
    }

    @Test
    void apiPackages_haveNoCycles() {
        slices().matching("io.connectors.api.(*)..").should().beFreeOfCycles().check(api);
    }
}
