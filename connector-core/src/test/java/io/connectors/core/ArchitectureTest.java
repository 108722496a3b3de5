package io.connectors.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Package rules that keep the layers one-way (the API module's own rule is in connector-api's ApiDependenciesTest).
 * Each rule fails with the offending classes named; docs/development.md shows one failing.
 */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.connectors.core");
    }

    @Test
    void sinks_doNotDependOnTheEngine() {
        noClasses().that().resideInAPackage("io.connectors.core.sink..")
                .should().dependOnClassesThat().resideInAnyPackage("io.connectors.core.sync..")
                .check(production);
    }

    @Test
    void extraction_doesNotKnowTheEngineOrTheSinks() {
        noClasses().that().resideInAPackage("io.connectors.core.extraction..")
                .should().dependOnClassesThat().resideInAnyPackage("io.connectors.core.sync..", "io.connectors.core.sink..")
                .because("the engine calls the extractor, never the other way round")
                .check(production);
    }

    @Test
    void engine_doesNotKnowElasticsearch() {
        noClasses().that().resideInAPackage("io.connectors.core.sync..")
                .should().dependOnClassesThat().resideInAnyPackage("co.elastic..", "io.connectors.core.sink.elasticsearch..")
                .because("the engine writes to any Sink")
                .check(production);
    }

    @Test
    void httpClient_doesNotDependOnTheEngineOrSinks() {
        noClasses().that().resideInAPackage("io.connectors.core.http..")
                .should().dependOnClassesThat().resideInAnyPackage("io.connectors.core.sync..", "io.connectors.core.sink..")
                .because("sources use the HTTP client; it knows nothing of where documents go")
                .check(production);
    }

    @Test
    void retryPolicy_knowsNoneOfItsUsers() {
        noClasses().that().resideInAPackage("io.connectors.core.retry..")
                .should().dependOnClassesThat().resideInAnyPackage("io.connectors.core.http..", "io.connectors.core.sink..",
                        "io.connectors.core.sync..", "io.connectors.core.service..", "io.connectors.core.runtime..",
                        "io.connectors.core.server..")
                .because("the one retry policy is built from configuration and applied by the HTTP client, the sink and"
                        + " the daemon; they depend on it, not it on them")
                .check(production);
    }

    @Test
    void packages_haveNoCycles() {
        slices().matching("io.connectors.core.(*)..").should().beFreeOfCycles().check(production);
    }

    @Test
    void engine_dependsOnlyOnTheApiTheSinkAndTheExtractor() {
        classes().that().resideInAPackage("io.connectors.core.sync..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "io.connectors.core.sync..", "io.connectors.api..", "io.connectors.core.sink..",
                        "io.connectors.core.extraction..", "java..", "reactor..", "org.reactivestreams..", "org.slf4j..",
                        "org.jspecify..")
                .because("the engine diffs and writes through the SPIs; configuration and the daemon come to it, not it to them")
                .check(production);
    }

    @Test
    void nothing_dependsOnTheCli() {
        noClasses().that().resideOutsideOfPackage("io.connectors.core.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.connectors.core.cli..")
                .because("the CLIs are the outermost layer: they assemble and print, nothing calls back into them")
                .check(production);
    }

    @Test
    void product_dependsOnNoTestOrDevelopmentTooling() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.connectors.testkit..", "io.connectors.ftest..",
                        "org.junit..", "org.assertj..", "org.testcontainers..")
                .because("the local Elasticsearch node, the test harness and the demo live in connector-test-elasticsearch"
                        + " and ftest, out of the product jar")
                .check(production);
    }

    @Test
    void product_holdsNoLocalNodeAndNoDemo() {
        noClasses().should().resideInAnyPackage("io.connectors.core.es.local..", "io.connectors.core.demo..")
                .because("LocalElasticsearchNode moved to connector-test-elasticsearch, the demo source and make run's"
                        + " launcher to ftest (io.connectors.ftest.dev)")
                .check(production);
        // The jar holds what target/classes holds: a source registered here would be offered by every daemon.
        assertThat(Path.of("target", "classes", "META-INF", "services", "io.connectors.api.source.DataSourceDescriptor"))
                .as("connector-core registers no source of its own").doesNotExist();
    }
}
