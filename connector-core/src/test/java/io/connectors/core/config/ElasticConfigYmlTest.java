package io.connectors.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** An operator's config.yml written for Elastic's connectors loads here (issue 12, point 8). */
class ElasticConfigYmlTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(ConfigLoader.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @BeforeEach
    void capture() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
    }

    private static ConnectorsConfig loadElasticShape() {
        return ConfigLoader.load(Path.of("src/test/resources/elastic/config.yml"), Map.of());
    }

    @Test
    void load_fileOfElasticsExampleShape_loads() {
        ConnectorsConfig config = loadElasticShape();

        assertThat(config.elasticsearch().requestTimeout()).hasSeconds(120);
        assertThat(config.elasticsearch().apiKey()).isNotNull();
        assertThat(config.elasticsearch().bulk().chunkSize()).isEqualTo(500);
    }

    @Test
    void load_deprecatedTopLevelConnector_becomesTheOneConnectorWithAWarning() {
        ConnectorsConfig config = loadElasticShape();

        assertThat(config.connectors()).containsExactly(
                new ConnectorEntry("kb-connector-1", "jira", null, List.of("elasticsearch")));
        assertThat(messages(Level.WARN)).anySatisfy(line -> assertThat(line)
                .contains(":6: top-level connector_id and service_type are deprecated"));
    }

    @Test
    void load_deprecatedTopLevelConnector_besideAConnectorsList_isIgnoredAsElasticDoes() {
        ConnectorsConfig config = ConfigLoader.parse("""
                connector_id: old
                service_type: jira
                connectors:
                  - connector_id: new
                    service_type: jira
                """, "config.yml", Map.of());

        assertThat(config.connectors()).extracting(ConnectorEntry::connectorId).containsExactly("new");
        assertThat(messages(Level.WARN)).anySatisfy(line -> assertThat(line).contains("ignored because connectors: is set"));
    }

    @Test
    void load_deprecatedConnectorIdWithoutServiceType_isAProblem() {
        ConfigException e = org.assertj.core.api.Assertions.catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.parse("connector_id: old\n", "config.yml", Map.of()));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("service_type");
            assertThat(p.line()).isEqualTo(1);
            assertThat(p.message()).contains("needs both");
        });
    }

    @Test
    void load_elasticsearchHeaders_reachTheConnectionMaskedWhenPrinted() {
        ConnectorsConfig config = loadElasticShape();

        assertThat(config.elasticsearch().headers())
                .containsExactly(Map.entry("X-Found-Cluster", "test-cluster"), Map.entry("X-Opaque-Id", "connectors-test"));
        assertThat(io.connectors.core.es.ElasticsearchConnection.from(config.elasticsearch()).headers())
                .containsEntry("X-Opaque-Id", "connectors-test");
        assertThat(config.redacted()).contains("headers: {X-Found-Cluster: \"********\"").doesNotContain("test-cluster");
    }

    @Test
    void load_elasticsearchHeadersNotAMapping_isAProblem() {
        ConfigException e = org.assertj.core.api.Assertions.catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.parse("elasticsearch:\n  headers: [a, b]\n", "config.yml", Map.of()));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("elasticsearch.headers");
            assertThat(p.message()).contains("expected a mapping of names to strings");
        });
    }

    @Test
    void load_pythonSourceNames_mapToOursWithOneInfoLineEach() {
        ConnectorsConfig config = loadElasticShape();

        assertThat(config.sources()).containsEntry("jira", "io.connectors.jira.JiraDataSource")
                .containsEntry("confluence", "io.connectors.confluence.ConfluenceDataSource");
        assertThat(messages(Level.INFO)).filteredOn(line -> line.contains("Elastic's Python source")).containsExactly(
                "src/test/resources/elastic/config.yml:56: sources.jira: Elastic's Python source "
                        + "connectors.sources.atlassian.jira:JiraDataSource is io.connectors.jira.JiraDataSource here",
                "src/test/resources/elastic/config.yml:57: sources.confluence: Elastic's Python source "
                        + "connectors.sources.atlassian.confluence:ConfluenceDataSource is io.connectors.confluence.ConfluenceDataSource here");
    }

    @Test
    void load_fileOfElasticsExampleShape_warnsOnceForKeysWithoutEffect() {
        loadElasticShape();

        assertThat(messages(Level.WARN)).filteredOn(line -> line.contains("no effect here")).singleElement()
                .satisfies(line -> assertThat(line).contains("elasticsearch.bulk.display_every (line 27)")
                        .contains("service.max_errors (line 44)"));
    }

    private List<String> messages(Level level) {
        return appender.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }
}
