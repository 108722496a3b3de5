package io.connectors.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.connectors.api.ConnectorException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

class ConfigLoaderTest {

    private static ConnectorsConfig parse(String yaml) {
        return parse(yaml, Map.of());
    }

    private static ConnectorsConfig parse(String yaml, Map<String, String> env) {
        return ConfigLoader.parse(yaml, "config.yml", env);
    }

    private static ConfigException failure(String yaml) {
        return failure(yaml, Map.of());
    }

    private static ConfigException failure(String yaml, Map<String, String> env) {
        return catchThrowableOfType(ConfigException.class, () -> parse(yaml, env));
    }

    // ---- defaults ----

    @Test
    void defaults_matchElasticsDefaultsWithoutCredentials() {
        ConnectorsConfig config = ConnectorsConfig.defaults();

        ElasticsearchConfig es = config.elasticsearch();
        assertThat(es.host()).isEqualTo("http://localhost:9200");
        assertThat(es.username()).isNull();
        assertThat(es.password()).isNull();
        assertThat(es.apiKey()).isNull();
        assertThat(es.ssl()).isTrue();
        assertThat(es.verifyCerts()).isTrue();
        assertThat(es.caCerts()).isNull();
        assertThat(es.requestTimeout()).isEqualTo(Duration.ofSeconds(240));
        assertThat(es.maxWaitDuration()).isEqualTo(Duration.ofSeconds(240));
        assertThat(es.retryOnTimeout()).isTrue();
        assertThat(es.maxRetries()).isEqualTo(5);
        assertThat(es.retryInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(es.initialBackoffDuration()).isEqualTo(Duration.ofSeconds(1));
        assertThat(es.backoffMultiplier()).isEqualTo(2.0);
        assertThat(es.logLevel()).isEqualTo(Level.INFO);

        BulkConfig bulk = es.bulk();
        assertThat(bulk.queueMaxSize()).isEqualTo(1024);
        assertThat(bulk.queueMaxMemSize()).isEqualTo(25);
        assertThat(bulk.chunkSize()).isEqualTo(500);
        assertThat(bulk.maxConcurrency()).isEqualTo(5);
        assertThat(bulk.chunkMaxMemSize()).isEqualTo(3);
        assertThat(bulk.chunkMaxMemBytes()).isEqualTo(3L * 1024 * 1024);
        assertThat(bulk.maxTextDocumentSize()).isEqualTo(3);
        assertThat(bulk.maxRetries()).isEqualTo(5);
        assertThat(bulk.retryInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(bulk.concurrentDownloads()).isEqualTo(10);
        assertThat(bulk.errorMonitor()).isEqualTo(new ErrorMonitorConfig(true, 1000, 10, 0.15, 100, 10));

        ServiceConfig service = config.service();
        assertThat(service.idling()).isEqualTo(Duration.ofSeconds(30));
        assertThat(service.heartbeat()).isEqualTo(Duration.ofSeconds(300));
        assertThat(service.maxConcurrentContentSyncs()).isEqualTo(1);
        assertThat(service.maxConcurrentAccessControlSyncs()).isEqualTo(1);
        assertThat(service.maxConcurrentSchedulingTasks()).isEqualTo(4);
        assertThat(service.maxFileDownloadSize()).isEqualTo(10_485_760L);
        assertThat(service.maxExtractedTextSize()).isEqualTo(5_242_880L);
        assertThat(service.jobCleanupInterval()).isEqualTo(Duration.ofSeconds(300));
        assertThat(service.logLevel()).isEqualTo(Level.INFO);
        assertThat(service.serveAll()).isFalse();
        assertThat(service.pluginsDir()).isEqualTo(Path.of("plugins"));

        assertThat(config.extractionService()).isEqualTo(new ExtractionServiceConfig(null, Duration.ofSeconds(30)));
        assertThat(config.extractionService().enabled()).isFalse();
        assertThat(config.connectors()).isEmpty();
        assertThat(config.sources()).containsExactly(
                Map.entry("jira", "io.connectors.jira.JiraDataSource"),
                Map.entry("confluence", "io.connectors.confluence.ConfluenceDataSource"));
        assertThat(config.sourceFile()).isNull();
        assertThat(config.ignoredKeys()).isEmpty();
    }

    @Test
    void parse_emptyOrCommentOnlyOrNullSections_givesDefaults() {
        assertThat(parse("")).isEqualTo(ConnectorsConfig.defaults());
        assertThat(parse("# nothing here\n\n")).isEqualTo(ConnectorsConfig.defaults());
        assertThat(parse("---\n")).isEqualTo(ConnectorsConfig.defaults());
        assertThat(parse("elasticsearch:\nservice:\nconnectors:\nsources:\n")).isEqualTo(ConnectorsConfig.defaults());
    }

    @Test
    void parse_setValues_areTypedAndConverted() {
        ConnectorsConfig config = parse("""
                elasticsearch:
                  host: https://127.0.0.1:9243
                  api_key: abc==
                  bulk:
                    chunk_size: 250
                    error_monitor:
                      max_error_rate: 0.5
                service:
                  idling: 0.5
                  log_level: warning
                  max_file_download_size: 1048576
                extraction_service:
                  host: http://localhost:8090
                """);

        assertThat(config.elasticsearch().host()).isEqualTo("https://127.0.0.1:9243");
        assertThat(config.elasticsearch().apiKey()).isEqualTo(Secret.of("abc=="));
        assertThat(config.elasticsearch().bulk().chunkSize()).isEqualTo(250);
        assertThat(config.elasticsearch().bulk().errorMonitor().maxErrorRate()).isEqualTo(0.5);
        assertThat(config.service().idling()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.service().logLevel()).isEqualTo(Level.WARN);
        assertThat(config.service().maxFileDownloadSize()).isEqualTo(1_048_576L);
        assertThat(config.extractionService().host()).isEqualTo("http://localhost:8090");
    }

    @Test
    void parse_dottedKeysAsInElasticsExample_areReadAsNesting() {
        ConnectorsConfig config = parse("""
                elasticsearch.host: http://127.0.0.1:9201
                elasticsearch.bulk.chunk_size: 100
                elasticsearch:
                  bulk.max_concurrency: 2
                service.idling: 5
                """);

        assertThat(config.elasticsearch().host()).isEqualTo("http://127.0.0.1:9201");
        assertThat(config.elasticsearch().bulk().chunkSize()).isEqualTo(100);
        assertThat(config.elasticsearch().bulk().maxConcurrency()).isEqualTo(2);
        assertThat(config.service().idling()).isEqualTo(Duration.ofSeconds(5));
    }

    // ---- interpolation ----

    @Test
    void parse_interpolation_usesSetVariable() {
        ConnectorsConfig config = parse("elasticsearch:\n  host: ${ES_HOST}\n", Map.of("ES_HOST", "http://127.0.0.1:9201"));

        assertThat(config.elasticsearch().host()).isEqualTo("http://127.0.0.1:9201");
    }

    @Test
    void parse_interpolation_usesDefaultWhenUnsetOrEmpty() {
        String yaml = "elasticsearch:\n  bulk:\n    chunk_size: ${CHUNK:42}\n";

        assertThat(parse(yaml).elasticsearch().bulk().chunkSize()).isEqualTo(42);
        assertThat(parse(yaml, Map.of("CHUNK", "")).elasticsearch().bulk().chunkSize()).isEqualTo(42);
        assertThat(parse(yaml, Map.of("CHUNK", "7")).elasticsearch().bulk().chunkSize()).isEqualTo(7);
    }

    @Test
    void parse_interpolation_emptyDefaultLeavesOptionalKeyUnset() {
        ConnectorsConfig config = parse("elasticsearch:\n  api_key: ${ES_API_KEY:}\n");

        assertThat(config.elasticsearch().apiKey()).isNull();
    }

    @Test
    void parse_interpolation_missingVariableWithoutDefault_isAProblemWithPathAndLine() {
        ConfigException e = failure("""
                elasticsearch:
                  host: http://localhost:9200
                  username: ${ES_USER}
                  password: ${ES_PASSWORD}
                """);

        assertThat(e.problems()).extracting(ConfigProblem::path, ConfigProblem::line).containsExactly(
                tuple("elasticsearch.username", 3),
                tuple("elasticsearch.password", 4));
        assertThat(e.getMessage()).contains("config.yml:3: elasticsearch.username: environment variable ES_USER is not set");
    }

    @Test
    void parse_interpolation_escapedDollarBrace_isLiteral() {
        ConnectorsConfig config = parse("""
                connectors:
                  - connector_id: id-$${NOT_A_VAR}
                    service_type: jira
                """);

        assertThat(config.connectors().get(0).connectorId()).isEqualTo("id-${NOT_A_VAR}");
    }

    @Test
    void parse_interpolation_severalInOneValue() {
        ConnectorsConfig config = parse("elasticsearch:\n  host: http://${HOST}:${PORT:9200}/${PATH:}\n", Map.of("HOST", "127.0.0.1"));

        assertThat(config.elasticsearch().host()).isEqualTo("http://127.0.0.1:9200/");
    }

    @Test
    void parse_interpolation_unterminated_isAProblem() {
        ConfigException e = failure("elasticsearch:\n  host: http://${HOST\n");

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("elasticsearch.host");
            assertThat(p.message()).contains("unterminated");
        });
    }

    // ---- problems ----

    @Test
    void load_unknownKey_reportsPathLineAndSuggestion() {
        ConfigException e = failure("""
                elasticsearch:
                  host: http://localhost:9200
                  bulk:
                    chunk_sise: 100
                """);

        assertThat(e.problems()).containsExactly(new ConfigProblem(
                "elasticsearch.bulk.chunk_sise", 4, "unknown key, did you mean \"elasticsearch.bulk.chunk_size\"?"));
        assertThat(e.getMessage()).isEqualTo(
                "config.yml:4: elasticsearch.bulk.chunk_sise: unknown key, did you mean \"elasticsearch.bulk.chunk_size\"?");
    }

    @Test
    void load_unknownKey_inWrongSection_suggestsWhereItBelongs() {
        ConfigException e = failure("elasticsearch:\n  chunk_size: 100\n");

        assertThat(e.problems()).singleElement().extracting(ConfigProblem::message)
                .isEqualTo("unknown key, did you mean \"elasticsearch.bulk.chunk_size\"?");
    }

    @Test
    void load_unknownKey_farFromAnyKnownKey_hasNoSuggestion() {
        ConfigException e = failure("telemetry:\n  enabled: true\n");

        assertThat(e.problems()).containsExactly(new ConfigProblem("telemetry", 1, "unknown key"));
    }

    @Test
    void load_unknownSectionTypo_suggestsSection() {
        ConfigException e = failure("elasticsaerch:\n  host: http://localhost:9200\n");

        assertThat(e.problems()).singleElement().extracting(ConfigProblem::message)
                .isEqualTo("unknown key, did you mean \"elasticsearch\"?");
    }

    @Test
    void load_wrongType_reportsPathLineAndValue() {
        ConfigException e = failure("""
                service:
                  idling: 30
                elasticsearch:
                  bulk:
                    chunk_size: abc
                """);

        assertThat(e.getMessage()).isEqualTo("config.yml:5: elasticsearch.bulk.chunk_size: expected an integer, got \"abc\"");
    }

    @Test
    void load_wrongShape_reportsListOrMapping() {
        ConfigException e = failure("""
                service:
                  idling: [1, 2]
                  heartbeat: {a: 1}
                elasticsearch: not-a-mapping
                """);

        assertThat(e.problems()).extracting(ConfigProblem::message).containsExactly(
                "expected a number of seconds, got a list",
                "expected a number of seconds, got a mapping",
                "expected a mapping, got \"not-a-mapping\"");
    }

    @Test
    void load_invalidValues_areReported() {
        ConfigException e = failure("""
                elasticsearch:
                  host: localhost:9200
                  bulk:
                    chunk_size: -5
                    queue_max_mem_size: 0
                    error_monitor:
                      max_error_rate: 1.5
                service:
                  heartbeat: 0
                  max_file_download_size: -1
                  serve_all: maybe
                  log_level: loud
                """);

        assertThat(e.problems()).extracting(ConfigProblem::path, ConfigProblem::message).containsExactly(
                tuple("elasticsearch.host", "expected an http(s) URL like http://localhost:9200, got \"localhost:9200\""),
                tuple("elasticsearch.bulk.chunk_size", "must be at least 1, got \"-5\""),
                tuple("elasticsearch.bulk.queue_max_mem_size", "must be at least 1, got \"0\""),
                tuple("elasticsearch.bulk.error_monitor.max_error_rate", "must be between 0 and 1, got \"1.5\""),
                tuple("service.heartbeat", "must be more than 0, got \"0\""),
                tuple("service.max_file_download_size", "must be at least 0, got \"-1\""),
                tuple("service.serve_all", "expected a boolean (true or false), got \"maybe\""),
                tuple("service.log_level",
                        "expected a log level (DEBUG, INFO, WARNING, ERROR, CRITICAL, TRACE or NOTSET), got \"loud\""));
    }

    @Test
    void load_severalProblems_areAllReportedOnePerLineInFileOrder() {
        ConfigException e = failure("""
                elasticsearch:
                  hots: http://localhost:9200
                  bulk:
                    chunk_size: many
                connectors:
                  - service_type: jira
                sources:
                  mine: not a class
                """);

        assertThat(e.problems()).hasSize(4);
        assertThat(e.getMessage().lines()).containsExactly(
                "config.yml:2: elasticsearch.hots: unknown key, did you mean \"elasticsearch.host\"?",
                "config.yml:4: elasticsearch.bulk.chunk_size: expected an integer, got \"many\"",
                "config.yml:6: connectors[0].connector_id: missing required value",
                "config.yml:8: sources.mine: expected a fully qualified Java class name like com.example.MySource, got \"not a class\"");
        assertThat(e).isInstanceOf(ConnectorException.class).isInstanceOf(RuntimeException.class);
    }

    @Test
    void load_duplicateKey_isAProblem() {
        ConfigException e = failure("""
                elasticsearch:
                  host: http://localhost:9200
                elasticsearch.host: http://localhost:9201
                """);

        assertThat(e.problems()).containsExactly(new ConfigProblem("elasticsearch.host", 3, "set twice (first at line 2)"));
    }

    @Test
    void load_invalidYaml_reportsLineWithoutQuotingTheLine() {
        ConfigException e = failure("""
                elasticsearch:
                  host: http://localhost:9200
                  password: "hunter2
                """);

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEmpty();
            assertThat(p.line()).isPositive();
            assertThat(p.message()).startsWith("not valid YAML: ");
        });
        assertThat(e.getMessage()).doesNotContain("hunter2");
    }

    @Test
    void load_rootThatIsNotAMapping_isAProblem() {
        ConfigException e = failure("just a string\n");

        assertThat(e.problems()).singleElement().extracting(ConfigProblem::line).isEqualTo(1);
    }

    // ---- connectors ----

    @Test
    void parse_connectors_readsEntriesWithSinkDefault() {
        ConnectorsConfig config = parse("""
                connectors:
                  - connector_id: 1234
                    service_type: jira
                    api_key: key-one
                  - connector_id: abcd
                    service_type: confluence
                    sinks: [other]
                sinks:
                  other: com.example.OtherSink
                """);

        assertThat(config.connectors()).containsExactly(
                new ConnectorEntry("1234", "jira", Secret.of("key-one"), List.of("elasticsearch")),
                new ConnectorEntry("abcd", "confluence", null, List.of("other")));
        assertThat(config.sinks()).containsEntry("elasticsearch", "io.connectors.core.sink.elasticsearch.ElasticsearchSink")
                .containsEntry("other", "com.example.OtherSink");
        assertThat(config.sinksOf("abcd")).containsExactly("other");
        assertThat(config.sinksOf("not-listed")).containsExactly("elasticsearch");
    }

    @Test
    void load_connectorNamingAnUnknownSinkOrOneTwice_reportsTheItemAndTheKnownSinks() {
        ConfigException e = failure("""
                connectors:
                  - connector_id: one
                    service_type: jira
                    sinks: [elasticsearch, nowhere, elasticsearch]
                """);

        assertThat(e.getMessage()).contains("connectors[0].sinks").contains("no sink named \"nowhere\"")
                .contains("known: elasticsearch, qbusiness").contains("names a sink twice");
    }

    @Test
    void load_connectorWithBothSinksAndQBusinessBlock_keepsBothAndTheBlock() {
        ConnectorsConfig config = parse("""
                connectors:
                  - connector_id: one
                    service_type: jira
                    sinks: [elasticsearch, qbusiness]
                    qbusiness:
                      region: us-east-1
                      application_id: app-1
                      index_id: index-1
                      batch_size: 5
                """);

        assertThat(config.sinksOf("one")).containsExactly("elasticsearch", "qbusiness");
        assertThat(config.sinkSettingsOf("one", "qbusiness")).containsEntry("region", "us-east-1")
                .containsEntry("application_id", "app-1").containsEntry("batch_size", "5");
    }

    @Test
    void load_qbusinessSinkWithoutItsRequiredKeysOrWithATypo_namesEachKey() {
        ConfigException e = failure("""
                connectors:
                  - connector_id: one
                    service_type: jira
                    sinks: [qbusiness]
                    qbusiness:
                      regoin: us-east-1
                      application_id: app-1
                """);

        assertThat(e.getMessage()).contains("connectors[0].qbusiness.regoin").contains("did you mean \"region\"")
                .contains("connectors[0].qbusiness.region").contains("connectors[0].qbusiness.index_id")
                .doesNotContain("connectors[0].qbusiness.application_id");
    }

    @Test
    void load_qbusinessValuesOffTheirTypes_namesEveryKeyAtOnce() {
        ConfigException e = failure("""
                connectors:
                  - connector_id: one
                    service_type: jira
                    sinks: [qbusiness]
                    qbusiness:
                      region: US East
                      application_id: app-1
                      index_id: " "
                      endpoint: ftp://qbusiness.example.com
                      batch_size: 11
                      max_batch_bytes: lots
                      concurrency: 0
                      sync_job_wait: -1
                """);

        assertThat(e.getMessage())
                .contains("connectors[0].qbusiness.region").contains("AWS region code like us-east-1")
                .contains("connectors[0].qbusiness.index_id").contains("must not be empty")
                .contains("connectors[0].qbusiness.endpoint").contains("http(s) URL")
                .contains("connectors[0].qbusiness.batch_size").contains("must be at most 10, got \"11\"")
                .contains("connectors[0].qbusiness.max_batch_bytes").contains("connectors[0].qbusiness.concurrency")
                .contains("connectors[0].qbusiness.sync_job_wait")
                .doesNotContain("connectors[0].qbusiness.application_id").doesNotContain("missing");
    }

    @Test
    void load_qbusinessAccessKeyWithoutSecret_namesTheMissingKey_andNeverEchoesTheSecret() {
        ConfigException keyOnly = failure("""
                connectors:
                  - connector_id: one
                    service_type: jira
                    sinks: [qbusiness]
                    qbusiness:
                      region: eu-central-1
                      application_id: app-1
                      index_id: index-1
                      access_key_id: AKIDEXAMPLE
                """);
        ConfigException tokenOnly = failure("""
                connectors:
                  - connector_id: one
                    service_type: jira
                    sinks: [qbusiness]
                    qbusiness:
                      region: eu-central-1
                      application_id: app-1
                      index_id: index-1
                      session_token: not-a-real-token-value
                """);

        assertThat(keyOnly.getMessage()).contains("connectors[0].qbusiness.secret_access_key")
                .contains("explicit credentials need both");
        assertThat(tokenOnly.getMessage()).contains("connectors[0].qbusiness.session_token")
                .doesNotContain("not-a-real-token-value");
    }

    @Test
    void load_qbusinessBlockWithinItsLimits_loads() {
        ConnectorsConfig config = parse("""
                connectors:
                  - connector_id: one
                    service_type: jira
                    sinks: [qbusiness]
                    qbusiness:
                      region: us-gov-west-1
                      application_id: app-1
                      index_id: index-1
                      endpoint: http://127.0.0.1:9999
                      batch_size: 10
                      sync_job_wait: 0
                      access_key_id: AKIDEXAMPLE
                      secret_access_key: ${TEST_SECRET}
                """, Map.of("TEST_SECRET", "fake-secret"));

        assertThat(config.sinkSettingsOf("one", "qbusiness")).containsEntry("batch_size", "10")
                .containsEntry("region", "us-gov-west-1").containsEntry("secret_access_key", "fake-secret");
    }

    @Test
    void load_missingConnectorId_reportsItemPathAndItemLine() {
        ConfigException e = failure("""
                connectors:
                  - connector_id: one
                    service_type: jira
                  - service_type: jira
                    api_key: k
                """);

        assertThat(e.problems()).containsExactly(new ConfigProblem("connectors[1].connector_id", 4, "missing required value"));
    }

    @Test
    void load_connectorItemProblems_unknownKeyTypoDuplicateIdAndUnknownServiceType() {
        ConfigException e = failure("""
                connectors:
                  - connector_id: one
                    service_type: jria
                  - connector_id: one
                    service_type: confluence
                    sinkz: [elasticsearch]
                  - just-a-string
                """);

        assertThat(e.problems()).extracting(ConfigProblem::path, ConfigProblem::line).containsExactly(
                tuple("connectors[0].service_type", 3),
                tuple("connectors[1].connector_id", 4),
                tuple("connectors[1].sinkz", 6),
                tuple("connectors[2]", 7));
        assertThat(e.problems().get(0).message()).startsWith("no source for service type \"jria\", did you mean \"jira\"?");
        assertThat(e.problems().get(1).message()).isEqualTo("duplicate connector_id \"one\", also in connectors[0]");
        assertThat(e.problems().get(2).message()).isEqualTo("unknown key, did you mean \"sinks\"?");
    }

    @Test
    void load_usernameWithoutPassword_isAProblem() {
        ConfigException e = failure("elasticsearch:\n  username: someone\n");

        assertThat(e.problems()).containsExactly(new ConfigProblem(
                "elasticsearch.password", 2, "missing: elasticsearch.username is set, and basic auth needs both"));
    }

    // ---- sources ----

    @Test
    void parse_sources_addToAndOverrideBuiltIns() {
        ConnectorsConfig config = parse("""
                sources:
                  jira: com.example.BetterJiraSource
                  servicenow: com.example.ServiceNowSource
                connectors:
                  - connector_id: x
                    service_type: servicenow
                """);

        assertThat(config.sources()).containsExactly(
                Map.entry("jira", "com.example.BetterJiraSource"),
                Map.entry("confluence", "io.connectors.confluence.ConfluenceDataSource"),
                Map.entry("servicenow", "com.example.ServiceNowSource"));
    }

    @Test
    void builtInDefault_builtInTheFileDoesNotName_isADefault_andOneItNamesIsNot() {
        ConnectorsConfig config = parse("""
                sources:
                  confluence: io.connectors.confluence.ConfluenceDataSource
                  servicenow: com.example.ServiceNowSource
                """);

        assertThat(config.builtInDefault("jira")).isTrue();
        assertThat(config.builtInDefault("confluence")).as("named, even with the built-in class").isFalse();
        assertThat(config.builtInDefault("servicenow")).isFalse();
        assertThat(config.builtInDefault("nowhere")).isFalse();
        assertThat(config.withSource("jira", "com.example.BetterJiraSource").builtInDefault("jira")).isFalse();
        assertThat(ConnectorsConfig.defaults().builtInDefault("confluence")).isTrue();
    }

    @Test
    void load_unknownPythonSourceName_isAProblemNamingTheMapping() {
        ConfigException e = failure("sources:\n  mongodb: connectors.sources.mongo:MongoDataSource\n");

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("sources.mongodb");
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.message()).contains("\"connectors.sources.mongo:MongoDataSource\" has no Java counterpart here")
                    .contains("connectors.sources.atlassian.jira:JiraDataSource")
                    .contains("connectors.sources.atlassian.confluence:ConfluenceDataSource");
        });
    }

    @Test
    void load_sourceWithKeywordOrNoPackage_isAProblem() {
        ConfigException e = failure("sources:\n  a: com.example.class\n  b: NoPackage\n  c:\n");

        assertThat(e.problems()).extracting(ConfigProblem::path).containsExactly("sources.a", "sources.b", "sources.c");
    }

    // ---- ignored keys ----

    @Test
    void load_noEffectKeys_areListedAndWarnedInOneLine() {
        Logger logger = (Logger) LoggerFactory.getLogger(ConfigLoader.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            ConnectorsConfig config = parse("""
                    service:
                      worker_mode: true
                      service_types: [jira, confluence]
                      preflight_max_attempts:
                    elasticsearch:
                      bulk:
                        display_every: 50
                    """);

            assertThat(config.ignoredKeys()).containsExactly("service.worker_mode", "service.service_types", "elasticsearch.bulk.display_every");
            assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                    "config.yml: accepted for compatibility, no effect here: service.worker_mode (line 2), "
                            + "service.service_types (line 3), elasticsearch.bulk.display_every (line 7)");
            assertThat(appender.list).extracting(ILoggingEvent::getLevel).containsExactly(ch.qos.logback.classic.Level.WARN);
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void noEffectKeys_areElasticsKeysThisDaemonHasNoCounterpartFor() {
        assertThat(ConfigLoader.NO_EFFECT_KEYS).containsExactlyInAnyOrder(
                "service.worker_mode", "service.fips_mode", "service.service_types",
                "elasticsearch.feature_use_connectors_api", "elasticsearch.bulk.queue_refresh_interval",
                "elasticsearch.bulk.queue_refresh_timeout", "elasticsearch.bulk.display_every",
                "elasticsearch.bulk.enable_operations_logging",
                "service.preflight_max_attempts", "service.preflight_idle", "service.max_errors", "service.max_errors_span",
                "service.incremental_sync_interval_seconds", "elasticsearch.max_wait_duration",
                "elasticsearch.bulk.queue_max_size", "elasticsearch.bulk.queue_max_mem_size",
                "service.max_concurrent_access_control_syncs", "service.max_concurrent_scheduling_tasks");
    }

    @Test
    void load_noEffectKey_withWrongType_isStillAProblem() {
        ConfigException e = failure("service:\n  worker_mode: sometimes\n");

        assertThat(e.problems()).singleElement().extracting(ConfigProblem::path).isEqualTo("service.worker_mode");
    }

    // ---- files ----

    @Test
    void load_missingFile_throwsNotFound(@TempDir Path dir) {
        Path file = dir.resolve("nope.yml");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config file not found: " + file);
    }

    @Test
    void load_emptyFile_givesDefaultsWithSourceFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("config.yml"), "");

        ConnectorsConfig config = ConfigLoader.load(file, Map.of());

        assertThat(config.sourceFile()).isEqualTo(file);
        assertThat(config.elasticsearch()).isEqualTo(ConnectorsConfig.defaults().elasticsearch());
    }

    @Test
    void load_problemsArePrefixedWithThePathGiven(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("config.yml"), "service:\n  idling: soon\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .hasMessage(file + ":2: service.idling: expected a number of seconds, got \"soon\"");
    }

    @Test
    void pluginsDirectory_isRelativeToTheConfigFilesDirectory(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("config.yml"), "service:\n  plugins_dir: extra/jars\n");

        ConnectorsConfig config = ConfigLoader.load(file, Map.of());

        assertThat(config.service().pluginsDir()).isEqualTo(Path.of("extra/jars"));
        assertThat(config.pluginsDirectory()).isEqualTo(dir.toAbsolutePath().resolve("extra/jars"));
        assertThat(ConnectorsConfig.defaults().pluginsDirectory()).isEqualTo(Path.of("plugins"));
    }

    @Test
    void repositoryConfigYml_loadsWithoutProblemsToTheDefaults() {
        ConnectorsConfig config = ConfigLoader.load(Path.of("../config.yml"), Map.of());
        ConnectorsConfig defaults = ConnectorsConfig.defaults();

        assertThat(config.ignoredKeys()).isEmpty();
        assertThat(config.elasticsearch()).isEqualTo(defaults.elasticsearch());
        assertThat(config.service()).isEqualTo(defaults.service());
        assertThat(config.extractionService()).isEqualTo(defaults.extractionService());
        assertThat(config.connectors()).isEmpty();
        assertThat(config.sources()).isEqualTo(defaults.sources());
    }
}
