package io.connectors.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectors.core.json.Json;
import io.connectors.core.protocol.ControlIndices;
import io.connectors.testkit.elasticsearch.ElasticsearchExtension;
import io.connectors.testkit.elasticsearch.IndexProbe;
import io.connectors.core.testing.SourceData;
import io.connectors.testkit.elasticsearch.TestElasticsearch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The admin CLI end to end against a real Elasticsearch: every command is run as a user would run it (parsed by
 * picocli, output captured), and its effect checked in the control indices and the content index.
 */
@ExtendWith(ElasticsearchExtension.class)
class ConnectorsCliIT {

    private static TestElasticsearch elasticsearch;
    private static IndexProbe probe;
    private static ControlIndices indices;

    @TempDir
    Path home;
    private Path config;
    private SourceData data;
    private String index;

    @BeforeAll
    static void connect(TestElasticsearch es) {
        elasticsearch = es;
        probe = new IndexProbe(es.url());
        // control indices of this class only: other tests' connectors never show up in a list or a doctor run
        indices = new ControlIndices(es.uniqueIndex("cli-connectors"), es.uniqueIndex("cli-jobs"));
    }

    @AfterAll
    static void disconnect() {
        probe.close();
    }

    @BeforeEach
    void configAndStore() throws IOException {
        config = home.resolve("config.yml");
        Files.writeString(config, """
                elasticsearch:
                  host: %s
                sources:
                  memory: io.connectors.core.testing.InMemorySource
                  secretive: io.connectors.core.cli.SecretiveSource
                """.formatted(elasticsearch.url()));
        data = SourceData.create("cli-" + UUID.randomUUID());
        index = elasticsearch.uniqueIndex("cli-content");
    }

    // ---------------------------------------------------------------- connector create

    @Test
    void connectorCreate_withSet_printsTheIdAndWritesAKibanaShapedConfiguredDocument() {
        Run run = cli("connector", "create", "--service-type", "secretive", "--name", "Team docs", "--index-name", index,
                "--set", "store=" + data.name(), "--json");

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode created = run.json();
        String id = created.get("id").asText();
        assertThat(created.get("status").asText()).isEqualTo("configured");

        ObjectNode doc = connectorDocument(id);
        assertThat(doc.get("name").asText()).isEqualTo("Team docs");
        assertThat(doc.get("index_name").asText()).isEqualTo(index);
        assertThat(doc.get("service_type").asText()).isEqualTo("secretive");
        assertThat(doc.get("status").asText()).isEqualTo("configured");
        assertThat(doc.at("/configuration/store/value").asText()).isEqualTo(data.name());
        assertThat(doc.at("/configuration/store/label").asText()).isEqualTo("Store");
        assertThat(doc.at("/configuration/page_size/value").asInt()).isEqualTo(50);
        assertThat(doc.at("/configuration/token/sensitive").asBoolean()).isTrue();
        for (String kind : List.of("full", "incremental", "access_control")) {
            assertThat(doc.at("/scheduling/" + kind + "/enabled").asBoolean()).isFalse();
            assertThat(doc.at("/scheduling/" + kind + "/interval").asText()).isEqualTo("0 0 0 * * ?");
        }
        assertThat(doc.at("/filtering/0/domain").asText()).isEqualTo("DEFAULT");
        for (String side : List.of("active", "draft")) {
            assertThat(doc.at("/filtering/0/" + side + "/rules").isArray()).isTrue();
            assertThat(doc.at("/filtering/0/" + side + "/rules").size()).isZero();
            assertThat(doc.at("/filtering/0/" + side + "/advanced_snippet/value").isObject()).isTrue();
            assertThat(doc.at("/filtering/0/" + side + "/validation/state").asText()).isEqualTo("valid");
            assertThat(doc.at("/filtering/0/" + side + "/validation/errors").size()).isZero();
        }
        assertThat(doc.at("/pipeline/name").asText()).isEqualTo("search-default-ingestion");
        assertThat(doc.at("/pipeline/extract_binary_content").asBoolean()).isTrue();
        assertThat(doc.at("/pipeline/reduce_whitespace").asBoolean()).isTrue();
        assertThat(doc.at("/pipeline/run_ml_inference").asBoolean()).isFalse();
        assertThat(doc.get("is_native").asBoolean()).isFalse();
        assertThat(doc.get("deleted").asBoolean()).isFalse();
        assertThat(doc.get("features").isObject()).isTrue();
        assertThat(doc.get("custom_scheduling").isObject()).isTrue();
        for (String field : List.of("language", "sync_cursor", "last_seen", "last_synced", "last_sync_status", "last_sync_error",
                "last_indexed_document_count", "last_deleted_document_count", "error")) {
            assertThat(doc.has(field)).as(field).isTrue();
            assertThat(doc.get(field).isNull()).as(field).isTrue();
        }
    }

    @Test
    void connectorCreate_fromAFileWithAnIdButWithoutARequiredValue_needsConfiguration() throws IOException {
        Path values = home.resolve("connector.yml");
        Files.writeString(values, "page_size: 20\n");

        Run run = cli("connector", "create", "--id", "cli-" + UUID.randomUUID(), "--service-type", "secretive",
                "--index-name", index, "--from-file", values.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        String id = run.out().lines().findFirst().orElseThrow().split(" ")[2];
        assertThat(id).startsWith("cli-");
        assertThat(run.out()).contains("needs_configuration").contains("(store)").contains("is required")
                .contains("connectors connector set " + id);
        ObjectNode doc = connectorDocument(id);
        assertThat(doc.get("status").asText()).isEqualTo("needs_configuration");
        assertThat(doc.get("name").asText()).isEqualTo(index);
        assertThat(doc.at("/configuration/page_size/value").asInt()).isEqualTo(20);

        Run again = cli("connector", "create", "--id", id, "--service-type", "secretive", "--index-name", index + "-2");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("exists already");
    }

    @Test
    void connectorCreate_unknownServiceTypeOrBadValues_failsListingEveryProblemAndCreatesNothing() {
        Run unknownType = cli("connector", "create", "--service-type", "nope", "--index-name", index);
        assertThat(unknownType.exit()).isEqualTo(1);
        assertThat(unknownType.err()).contains("unknown service type 'nope'").contains("secretive");

        Run badValues = cli("connector", "create", "--service-type", "secretive", "--index-name", index,
                "--set", "page_size=lots", "--set", "colour=blue", "--set", "store=" + data.name());
        assertThat(badValues.exit()).isEqualTo(1);
        assertThat(badValues.err()).contains("2 problems").contains("(page_size)").contains("unknown configuration key 'colour'");

        Run list = cli("connector", "list", "--json");
        assertThat(list.json().findValuesAsText("index_name")).doesNotContain(index);
    }

    @Test
    void connectorCreate_indexOfAnotherConnector_isRefused() {
        String first = createConfigured();

        Run second = cli("connector", "create", "--service-type", "memory", "--index-name", index, "--set", "store=x");

        assertThat(second.exit()).isEqualTo(1);
        assertThat(second.err()).contains("already the index of connector " + first);
    }

    // ---------------------------------------------------------------- list, show

    @Test
    void connectorListAndShow_printParseableJsonAndMaskSecrets() {
        String id = createConfigured("token=hunter2");

        Run list = cli("connector", "list", "--json");
        assertThat(list.exit()).as(list.err()).isZero();
        JsonNode listed = find(list.json(), id);
        assertThat(listed.get("index_name").asText()).isEqualTo(index);
        assertThat(listed.get("service_type").asText()).isEqualTo("secretive");
        assertThat(listed.get("status").asText()).isEqualTo("configured");

        Run show = cli("connector", "show", id, "--json");
        assertThat(show.exit()).as(show.err()).isZero();
        assertThat(show.json().get("id").asText()).isEqualTo(id);
        assertThat(show.json().at("/configuration/token/value").asText()).isEqualTo("********");
        assertThat(show.json().at("/configuration/token/default_value").asText()).isEqualTo("********");
        assertThat(show.json().at("/configuration/store/value").asText()).isEqualTo(data.name());
        assertThat(show.out()).doesNotContain("hunter2").doesNotContain(SecretiveSource.DEFAULT_TOKEN);

        Run text = cli("connector", "show", id);
        assertThat(text.exit()).isZero();
        assertThat(text.out()).contains("Connector " + id).contains("secretive").contains("********")
                .doesNotContain("hunter2").doesNotContain(SecretiveSource.DEFAULT_TOKEN);
        assertThat(cli("connector", "list").out()).contains(id).contains(index);

        Run missing = cli("connector", "show", "no-such-connector");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("'no-such-connector' not found");
    }

    @Test
    void ids_startingWithADash_areIdsNotOptions() {
        String id = "-dash-" + UUID.randomUUID();
        Run create = cli("connector", "create", "--id", id, "--service-type", "secretive", "--index-name", index,
                "--set", "store=" + data.name());
        assertThat(create.exit()).as(create.err()).isZero();

        Run show = cli("connector", "show", id, "--json");
        assertThat(show.exit()).as(show.err()).isZero();
        assertThat(show.json().get("id").asText()).isEqualTo(id);
        assertThat(cli("doctor", id).exit()).isZero();
        assertThat(cli("connector", "show", "--", id).exit()).isZero();
    }

    @Test
    void globalOptions_workBeforeAndAfterTheSubcommand() {
        String id = createConfigured();

        Run after = run(List.of("connector", "list", "--json", "-c", config.toString()));
        assertThat(after.exit()).as(after.err()).isZero();
        assertThat(find(after.json(), id)).isNotNull();
    }

    // ---------------------------------------------------------------- set, schedule

    @Test
    void connectorSet_validValues_updateTheConfigurationWithoutEchoingASecret() {
        String id = create("page_size=20");

        Run run = cli("connector", "set", id, "store=" + data.name(), "token=hunter2", "page_size=10");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("configured").contains("token = ********").doesNotContain("hunter2");
        ObjectNode doc = connectorDocument(id);
        assertThat(doc.get("status").asText()).isEqualTo("configured");
        assertThat(doc.at("/configuration/store/value").asText()).isEqualTo(data.name());
        assertThat(doc.at("/configuration/page_size/value").asInt()).isEqualTo(10);
        assertThat(doc.at("/configuration/token/value").asText()).isEqualTo("hunter2"); // stored, never printed
    }

    @Test
    void connectorSet_secretFromStandardInput_staysOffTheCommandLineAndIsNeverPrinted() {
        String id = create("page_size=20");
        java.io.InputStream stdin = System.in;
        Run run;
        try {
            System.setIn(new java.io.ByteArrayInputStream("hunter3\n".getBytes(StandardCharsets.UTF_8)));
            run = cli("connector", "set", id, "store=" + data.name(), "--stdin", "token");
        } finally {
            System.setIn(stdin);
        }

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("token = ********").doesNotContain("hunter3");
        assertThat(connectorDocument(id).at("/configuration/token/value").asText()).isEqualTo("hunter3");
    }

    @Test
    void connectorSet_invalidValues_listsEveryProblemAndChangesNothing() {
        String id = createConfigured();

        Run run = cli("connector", "set", id, "page_size=5000", "store=", "colour=red");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("3 problems").contains("(page_size)").contains("1000").contains("(store)")
                .contains("is required").contains("unknown configuration key 'colour'");
        assertThat(run.err().lines().filter(line -> line.startsWith("  - ")).count()).isEqualTo(3);
        ObjectNode doc = connectorDocument(id);
        assertThat(doc.at("/configuration/store/value").asText()).isEqualTo(data.name());
        assertThat(doc.at("/configuration/page_size/value").asInt()).isEqualTo(50);

        Run json = cli("connector", "set", id, "page_size=x", "colour=red", "--json");
        assertThat(json.exit()).isEqualTo(1);
        assertThat(json(json.err()).get("problems").size()).isEqualTo(2);

        Run malformed = cli("connector", "set", id, "token");
        assertThat(malformed.exit()).isEqualTo(1);
        assertThat(malformed.err()).contains("key=value");
    }

    @Test
    void connectorSchedule_validCronIsEnabled_invalidOneIsRefusedWithAnExample() {
        String id = createConfigured();

        Run valid = cli("connector", "schedule", id, "--type", "full", "--cron", "0 0 * * * ?");
        assertThat(valid.exit()).as(valid.err()).isZero();
        assertThat(valid.out()).contains("next at");
        ObjectNode doc = connectorDocument(id);
        assertThat(doc.at("/scheduling/full/enabled").asBoolean()).isTrue();
        assertThat(doc.at("/scheduling/full/interval").asText()).isEqualTo("0 0 * * * ?");
        assertThat(doc.at("/scheduling/incremental/enabled").asBoolean()).isFalse();
        assertThat(doc.at("/scheduling/incremental/interval").asText()).isEqualTo("0 0 0 * * ?");

        Run invalid = cli("connector", "schedule", id, "--type", "incremental", "--cron", "every hour");
        assertThat(invalid.exit()).isEqualTo(1);
        assertThat(invalid.err()).contains("invalid cron expression 'every hour'").contains("0 0 * * * ?");
        assertThat(connectorDocument(id).at("/scheduling/incremental/enabled").asBoolean()).isFalse();

        Run disabled = cli("connector", "schedule", id, "--disable", "--json");
        assertThat(disabled.exit()).as(disabled.err()).isZero();
        assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
        assertThat(connectorDocument(id).at("/scheduling/full/enabled").asBoolean()).isFalse();
        assertThat(connectorDocument(id).at("/scheduling/full/interval").asText()).isEqualTo("0 0 * * * ?");

        assertThat(cli("connector", "schedule", id, "--type", "weekly", "--cron", "0 0 * * * ?").err())
                .contains("unknown job type 'weekly'");
    }

    // ---------------------------------------------------------------- jobs

    @Test
    void jobs_startListShowAndCancelAPendingJob() {
        String id = createConfigured("token=hunter2");

        Run start = cli("job", "start", id, "--type", "full", "--json");
        assertThat(start.exit()).as(start.err()).isZero();
        String jobId = start.json().get("id").asText();

        Run list = cli("job", "list", id, "--json");
        assertThat(list.exit()).as(list.err()).isZero();
        JsonNode listed = find(list.json(), jobId);
        assertThat(listed.get("status").asText()).isEqualTo("pending");
        assertThat(listed.get("job_type").asText()).isEqualTo("full");
        assertThat(listed.get("trigger_method").asText()).isEqualTo("on_demand");
        assertThat(listed.get("connector_id").asText()).isEqualTo(id);
        assertThat(cli("job", "list").out()).contains(jobId).contains("pending");

        Run show = cli("job", "show", "--json", "--", jobId);
        assertThat(show.exit()).as(show.err()).isZero();
        assertThat(show.json().get("status").asText()).isEqualTo("pending");
        assertThat(show.json().at("/connector/id").asText()).isEqualTo(id);
        assertThat(show.json().at("/connector/configuration/token/value").asText()).isEqualTo("********");
        assertThat(show.out()).doesNotContain("hunter2");
        assertThat(cli("job", "show", "--", jobId).out()).contains("Sync job " + jobId).contains("pending").doesNotContain("hunter2");

        Run cancel = cli("job", "cancel", "--", jobId);
        assertThat(cancel.exit()).as(cancel.err()).isZero();
        assertThat(cancel.out()).contains("canceled");
        JsonNode canceled = cli("job", "show", "--json", "--", jobId).json();
        assertThat(canceled.get("status").asText()).isEqualTo("canceled");
        assertThat(canceled.get("canceled_at").isNull()).isFalse();
        assertThat(cli("job", "cancel", "--", jobId).exit()).isZero();

        Run incremental = cli("job", "start", id, "--type", "incremental");
        assertThat(incremental.exit()).as(incremental.err()).isZero();
        Run accessControl = cli("job", "start", id, "--type", "access_control");
        assertThat(accessControl.exit()).isEqualTo(1);
        assertThat(accessControl.err()).contains("does not support access_control");
    }

    @Test
    void jobStart_ofAConnectorNeedingConfiguration_isRefusedWithWhatIsMissing() {
        String id = create();

        Run run = cli("job", "start", id);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("not fully configured").contains("(store)");
    }

    // ---------------------------------------------------------------- sources

    @Test
    void sources_showEverySchemaWithSensitiveDefaultsMasked() {
        Run text = cli("sources");
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("secretive  io.connectors.core.cli.SecretiveSource").contains("page_size")
                .contains("token").contains("********").contains("memory")
                .doesNotContain(SecretiveSource.DEFAULT_TOKEN);

        Run json = cli("sources", "secretive", "--json");
        assertThat(json.exit()).as(json.err()).isZero();
        assertThat(json.json().size()).isEqualTo(1);
        JsonNode source = json.json().get(0);
        assertThat(source.get("available").asBoolean()).isTrue();
        assertThat(source.at("/configuration/token/default_value").asText()).isEqualTo("********");
        assertThat(source.at("/configuration/token/value").asText()).isEqualTo("********");
        assertThat(source.at("/configuration/page_size/default_value").asInt()).isEqualTo(50);
        assertThat(json.out()).doesNotContain(SecretiveSource.DEFAULT_TOKEN);

        assertThat(cli("sources", "nope").exit()).isEqualTo(1);
    }

    @Test
    void sources_builtInDefaultsThatDoNotLoad_areLeftOut_unlessConfigYmlNamesThemOrTheyAreAskedFor() throws IOException {
        // connector-jira and connector-confluence are not on this module's class path
        Run defaults = cli("sources");
        assertThat(defaults.exit()).as(defaults.err()).isZero();
        assertThat(defaults.out()).contains("memory", "secretive").doesNotContain("jira", "confluence", "(unavailable)");
        assertThat(cli("sources", "--json").json()).extracting(entry -> entry.get("service_type").asText())
                .containsExactlyInAnyOrder("memory", "secretive");

        Run asked = cli("sources", "confluence");
        assertThat(asked.out()).contains("confluence  io.connectors.confluence.ConfluenceDataSource  (unavailable)")
                .contains("not found");

        Files.writeString(config, """
                elasticsearch:
                  host: %s
                sources:
                  memory: io.connectors.core.testing.InMemorySource
                  confluence: io.connectors.confluence.ConfluenceDataSource
                """.formatted(elasticsearch.url()));
        Run named = cli("sources");
        assertThat(named.exit()).as(named.err()).isZero();
        assertThat(named.out()).contains("confluence  io.connectors.confluence.ConfluenceDataSource  (unavailable)")
                .contains("source 'confluence' (class io.connectors.confluence.ConfluenceDataSource)")
                .doesNotContain("jira");
    }

    // ---------------------------------------------------------------- sync

    @Test
    void syncDryRun_countsWhatWouldChangeAndWritesNothing() {
        data.generate("doc", 10, 3);
        String id = createConfigured();

        JsonNode first = cli("sync", id, "--dry-run", "--json").json();
        assertThat(first.get("would_create").asLong()).isEqualTo(10);
        assertThat(first.get("unchanged").asLong()).isZero();
        assertThat(first.get("would_delete").asLong()).isZero();
        assertThat(probe.exists(index)).isFalse();
        assertThat(data.downloads()).isZero();

        Run sync = cli("sync", id, "--json");
        assertThat(sync.exit()).as(sync.err()).isZero();
        assertThat(sync.json().get("created").asLong()).isEqualTo(10);
        assertThat(probe.count(index)).isEqualTo(10);

        data.update("doc-1", "v2");
        data.update("doc-2", "v2");
        data.remove("doc-3");
        data.generate("new", 3, 0);
        data.resetDownloads();

        Run dryRun = cli("sync", id, "--dry-run", "--json");
        assertThat(dryRun.exit()).as(dryRun.err()).isZero();
        JsonNode plan = dryRun.json();
        assertThat(plan.get("dry_run").asBoolean()).isTrue();
        assertThat(plan.get("would_create").asLong()).isEqualTo(3);
        assertThat(plan.get("would_update").asLong()).isEqualTo(2);
        assertThat(plan.get("unchanged").asLong()).isEqualTo(7);
        assertThat(plan.get("would_delete").asLong()).isEqualTo(1);
        assertThat(plan.at("/examples/delete/0").asText()).isEqualTo("doc-3");
        assertThat(plan.at("/examples/update").size()).isEqualTo(2);
        assertThat(probe.count(index)).isEqualTo(10);
        assertThat(probe.document(index, "doc-1").orElseThrow().get("revision").asText()).isEqualTo("v1");
        assertThat(probe.document(index, "doc-3")).isPresent();
        assertThat(probe.document(index, "new-0")).isEmpty();
        assertThat(data.downloads()).isZero();
        assertThat(cli("job", "list", id, "--json").json().size()).isZero();

        Run text = cli("sync", id, "--dry-run");
        assertThat(text.out()).contains("nothing written").contains("would delete").contains("doc-3");
    }

    @Test
    void sync_inTheForeground_indexesAndWithRecordLeavesACompletedJobAndCursor() {
        data.generate("doc", 25, 5);
        String id = createConfigured();

        Run first = cli("sync", id);
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("25 created").contains("connector " + id);
        assertThat(probe.count(index)).isEqualTo(25);
        assertThat(cli("job", "list", id, "--json").json().size()).isZero();

        for (int i = 0; i < 5; i++) {
            data.remove("doc-" + i);
        }
        Run recorded = cli("sync", id, "--record", "--json");
        assertThat(recorded.exit()).as(recorded.err()).isZero();
        JsonNode report = recorded.json();
        assertThat(report.get("job_status").asText()).isEqualTo("completed");
        assertThat(report.get("deleted").asLong()).isEqualTo(5);
        assertThat(report.get("unchanged").asLong()).isEqualTo(20);
        assertThat(probe.count(index)).isEqualTo(20);

        JsonNode job = cli("job", "show", "--json", "--", report.get("job_id").asText()).json();
        assertThat(job.get("status").asText()).isEqualTo("completed");
        assertThat(job.get("trigger_method").asText()).isEqualTo("on_demand");
        assertThat(job.get("deleted_document_count").asLong()).isEqualTo(5);
        assertThat(job.get("worker_hostname").asText()).startsWith("cli@");
        ObjectNode connector = connectorDocument(id);
        assertThat(connector.get("last_sync_status").asText()).isEqualTo("completed");
        assertThat(connector.at("/sync_cursor/version").asLong()).isEqualTo(data.version());

        data.update("doc-7", "v2");
        Run incremental = cli("sync", id, "--type", "incremental", "--json");
        assertThat(incremental.exit()).as(incremental.err()).isZero();
        assertThat(incremental.json().get("updated").asLong()).isEqualTo(1);
        assertThat(incremental.json().get("created").asLong()).isZero();
        assertThat(probe.document(index, "doc-7").orElseThrow().get("revision").asText()).isEqualTo("v2");

        assertThat(cli("sync", id, "--dry-run", "--record").err()).contains("cannot --record");
    }

    @Test
    void sync_whileAJobOfTheConnectorRuns_isRefused() throws IOException {
        String id = createConfigured();
        String jobId = cli("job", "start", id, "--json").json().get("id").asText();
        probe.client().update(u -> u.index(indices.jobs()).id(jobId).doc(Map.of("status", "in_progress"))
                .refresh(co.elastic.clients.elasticsearch._types.Refresh.True), Map.class);

        Run run = cli("sync", id);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("being synced by job " + jobId).contains("connectors job cancel " + jobId);
    }

    // ---------------------------------------------------------------- doctor

    @Test
    void doctor_connectorWhoseStoreDoesNotExist_failsWithAFixAndExitCode1() {
        String id = create("store=no-such-store-" + UUID.randomUUID());

        Run run = cli("doctor", id);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).containsPattern("OK\\s+config").containsPattern("(OK|WARN)\\s+elasticsearch")
                .containsPattern("OK\\s+connector " + id + ": configuration")
                .containsPattern("FAIL\\s+connector " + id + ": ping .*no in-memory store named")
                .contains("fix: check the source's address and credentials").contains("verdict: FAIL");

        JsonNode json = cli("doctor", id, "--json").json();
        assertThat(json.get("verdict").asText()).isEqualTo("FAIL");
        JsonNode ping = findByName(json.get("checks"), "connector " + id + ": ping");
        assertThat(ping.get("verdict").asText()).isEqualTo("FAIL");
        assertThat(ping.get("hint").asText()).contains("connectors connector set " + id);
    }

    @Test
    void doctor_healthyConnector_passes_andAPingErrorOfTheSourceFails() {
        String id = createConfigured();

        Run healthy = cli("doctor", id);
        assertThat(healthy.exit()).as(healthy.out()).isZero();
        assertThat(healthy.out()).contains("answers").contains("Elasticsearch 9.").containsPattern("OK\\s+control indices")
                .containsPattern("OK\\s+connector " + id + ": ping").doesNotContain("FAIL");

        data.pingError("the store is offline (injected)");
        Run offline = cli("doctor");
        assertThat(offline.exit()).isEqualTo(1);
        assertThat(offline.out()).containsPattern("FAIL\\s+connector " + id + ": ping\\s+the store is offline");
    }

    @Test
    void doctor_connectorNoDaemonWithThisConfigServes_warnsWithTheReasonAndTheFix() throws IOException {
        String unlisted = createConfigured();

        Run one = cli("doctor", unlisted);
        assertThat(one.exit()).as(one.out()).isZero(); // a warning: a daemon with another config.yml may serve it
        assertThat(one.out()).containsPattern("WARN\\s+connector " + unlisted + ": served\\s+no daemon running " + config
                        + " serves it, so its jobs stay pending: connector " + unlisted
                        + " is not in config.yml connectors: and service.serve_all is false")
                .contains("fix: add it under connectors: in " + config + " (connector_id: " + unlisted
                        + ", service_type: secretive) or set service.serve_all: true");

        JsonNode all = cli("doctor", "--json").json();
        assertThat(findByName(all.get("checks"), "connector " + unlisted + ": served").get("verdict").asText()).isEqualTo("WARN");

        index = elasticsearch.uniqueIndex("cli-content"); // one index per connector
        String listed = createConfigured();
        Files.writeString(config, """
                elasticsearch:
                  host: %s
                connectors:
                  - connector_id: %s
                    service_type: secretive
                sources:
                  memory: io.connectors.core.testing.InMemorySource
                  secretive: io.connectors.core.cli.SecretiveSource
                """.formatted(elasticsearch.url(), listed));
        JsonNode listedChecks = cli("doctor", "--json").json().get("checks");
        assertThat(findByName(listedChecks, "connector " + listed + ": served").get("verdict").asText()).isEqualTo("OK");
        assertThat(findByName(listedChecks, "connector " + listed + ": served").get("detail").asText())
                .contains("listed under connectors:");
        assertThat(findByName(listedChecks, "connector " + unlisted + ": served").get("verdict").asText()).isEqualTo("WARN");

        Files.writeString(config, """
                elasticsearch:
                  host: %s
                service:
                  serve_all: true
                sources:
                  secretive: io.connectors.core.cli.SecretiveSource
                """.formatted(elasticsearch.url()));
        JsonNode serveAll = cli("doctor", unlisted, "--json").json().get("checks");
        assertThat(findByName(serveAll, "connector " + unlisted + ": served").get("detail").asText())
                .contains("service.serve_all: true");
    }

    @Test
    void doctor_brokenConfigOrUnreachableElasticsearch_failsSayingWhereAndWhat() throws IOException {
        Files.writeString(config, """
                elasticsearch:
                  host: %s
                  bulk:
                    chunk_size: many
                """.formatted(elasticsearch.url()));

        Run broken = cli("doctor");
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.out()).containsPattern("FAIL\\s+config\\s+line 4: elasticsearch.bulk.chunk_size").contains("fix:");
        Run list = cli("connector", "list");
        assertThat(list.exit()).isEqualTo(1);
        assertThat(list.err()).contains("elasticsearch.bulk.chunk_size").contains("connectors doctor");

        Files.writeString(config, "elasticsearch:\n  host: http://127.0.0.1:1\n");
        Run unreachable = cli("doctor");
        assertThat(unreachable.exit()).isEqualTo(1);
        assertThat(unreachable.out()).containsPattern("FAIL\\s+elasticsearch").contains("is Elasticsearch running at http://127.0.0.1:1");
    }

    // ---------------------------------------------------------------- helpers

    /** A secretive connector on this test's store and index, configured. */
    private String createConfigured(String... values) {
        List<String> all = new ArrayList<>(List.of("store=" + data.name()));
        all.addAll(List.of(values));
        return create(all.toArray(String[]::new));
    }

    private String create(String... values) {
        // an id of our own: Elasticsearch's may start with "-c", which only "--" would keep from reading as -c
        List<String> args = new ArrayList<>(List.of("connector", "create", "--id", "cli-" + UUID.randomUUID(),
                "--service-type", "secretive", "--index-name", index, "--json"));
        for (String value : values) {
            args.add("--set");
            args.add(value);
        }
        Run run = cli(args.toArray(String[]::new));
        assertThat(run.exit()).as(run.err()).isZero();
        return run.json().get("id").asText();
    }

    private ObjectNode connectorDocument(String id) {
        try {
            return probe.client().get(g -> g.index(indices.connectors()).id(id), ObjectNode.class).source();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode find(JsonNode array, String id) {
        for (JsonNode item : array) {
            if (id.equals(item.get("id").asText())) {
                return item;
            }
        }
        throw new AssertionError(id + " not in " + array);
    }

    private static JsonNode findByName(JsonNode checks, String name) {
        for (JsonNode check : checks) {
            if (name.equals(check.get("name").asText())) {
                return check;
            }
        }
        throw new AssertionError(name + " not in " + checks);
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private Run cli(String... args) {
        List<String> all = new ArrayList<>(List.of("-c", config.toString()));
        all.addAll(List.of(args));
        return run(all);
    }

    private Run run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new ConnectorsCli(new CliEnvironment(Map.of(), false, indices)));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private record Run(int exit, String out, String err) {
        JsonNode json() {
            return ConnectorsCliIT.json(out);
        }
    }
}
