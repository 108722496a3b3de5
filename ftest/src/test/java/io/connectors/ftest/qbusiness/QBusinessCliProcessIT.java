package io.connectors.ftest.qbusiness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectors.ftest.jira.JiraData;
import io.connectors.ftest.jira.MockJira;
import io.connectors.testkit.elasticsearch.ElasticsearchExtension;
import io.connectors.testkit.elasticsearch.IndexProbe;
import io.connectors.testkit.elasticsearch.TestElasticsearch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/connectors} as a user runs it, a separate JVM ({@code io.connectors.core.cli.ConnectorsCli}, the class
 * bin/connectors starts) reading a config.yml whose connector writes to the mock Q Business: {@code doctor ID} gives
 * each Q Business check its verdict, {@code sync ID --dry-run} counts without sending or writing, {@code sync ID}
 * sends, and {@code sync ID --clean} forgets what was sent and sends everything again, still deleting what vanished.
 * Credentials come from the environment through {@code ${ENV}} and never reach the output.
 */
@ExtendWith(ElasticsearchExtension.class)
class QBusinessCliProcessIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private record Run(int exit, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    private Run cli(Path config, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // short-lived JVMs: C1 only starts faster, and these runs are a few seconds each
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "io.connectors.core.cli.ConnectorsCli", "-c", config.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("TEST_QB_KEY", MockQBusiness.ACCESS_KEY_ID);
        builder.environment().put("TEST_QB_SECRET", MockQBusiness.SECRET);
        Process process = builder.start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("connectors %s ended", List.of(args)).isTrue();
        Run run = new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        assertThat(run.out() + run.err()).as("the secret never reaches the output").doesNotContain(MockQBusiness.SECRET);
        return run;
    }

    @Test
    void doctorDryRunSyncAndClean_throughTheCliProcess_againstTheMockQBusiness(TestElasticsearch es) throws Exception {
        try (MockJira jira = MockJira.start(MockJira.Options.of(MockJira.Flavor.SERVER, 12).withProjects(1));
             MockQBusiness qb = MockQBusiness.start("app-1", "index-1", "ds-1");
             IndexProbe probe = new IndexProbe(es.url())) {
            String connector = es.uniqueIndex("qb-cli");
            String index = es.uniqueIndex("qb-cli-content");
            Path config = home.resolve("config.yml");
            Files.writeString(config, """
                    elasticsearch:
                      host: %s
                    connectors:
                      - connector_id: %s
                        service_type: jira
                        sinks: [qbusiness]
                        qbusiness:
                          region: us-east-1
                          application_id: app-1
                          index_id: index-1
                          data_source_id: ds-1
                          endpoint: %s
                          access_key_id: ${TEST_QB_KEY}
                          secret_access_key: ${TEST_QB_SECRET}
                    """.formatted(es.url(), connector, qb.url()));
            JiraData data = jira.data();
            long expected = data.projects().size() + data.issues().size() + data.attachmentCount();
            try {
                Run created = cli(config, "connector", "create", "--id", connector, "--service-type", "jira", "--index-name", index,
                        "--set", "data_source=jira_server", "--set", "jira_url=" + jira.url(),
                        "--set", "username=" + jira.options().user(), "--set", "password=" + jira.options().secret());
                assertThat(created.exit()).as(created.err()).isZero();

                // ---- doctor ID: each Q Business check with its verdict
                Run doctor = cli(config, "doctor", connector);
                assertThat(doctor.out()).containsPattern("OK +connector [^ ]+: qbusiness credentials +access key AKID\\*\\*\\*\\* from qbusiness.access_key_id")
                        .containsPattern("OK +connector [^ ]+: qbusiness application +application app-1 in us-east-1 is ACTIVE")
                        .containsPattern("OK +connector [^ ]+: qbusiness index +index index-1 is ACTIVE")
                        .containsPattern("OK +connector [^ ]+: qbusiness data source +data source ds-1 is CUSTOM")
                        .containsPattern("OK +connector [^ ]+: qbusiness last sync job +no sync job yet")
                        .containsPattern("OK +connector [^ ]+: qbusiness state +0 documents");
                assertThat(doctor.exit()).isZero();
                assertThat(doctor.out()).contains(", 0 failed,");

                // ---- sync --dry-run: counts, sends nothing, writes nothing
                Run dryRun = cli(config, "--json", "sync", connector, "--dry-run");
                assertThat(dryRun.exit()).as(dryRun.err()).isZero();
                assertThat(dryRun.json().path("dry_run").asBoolean()).isTrue();
                assertThat(dryRun.json().path("would_create").asLong()).isEqualTo(expected);
                assertThat(dryRun.json().path("would_delete").asLong()).isZero();
                assertThat(qb.stat("BatchPutDocument")).isZero();
                assertThat(qb.stat("StartDataSourceSyncJob")).isZero();
                assertThat(qb.ids()).isEmpty();

                // ---- sync: everything lands (a no-op resync sending nothing is QBusinessSinkIT's)
                Run sync = cli(config, "--json", "sync", connector);
                assertThat(sync.exit()).as(sync.out() + sync.err()).isZero();
                assertThat(sync.json().path("created").asLong()).isEqualTo(expected);
                assertThat(qb.ids()).hasSize((int) expected);

                // ---- a deleted issue: the dry run says one delete, and still sends nothing
                JiraData.Issue removed = data.issues().get(2);
                data.delete(removed.key());
                long removedDocuments = 1 + removed.attachments().size();
                qb.resetStats();
                Run planned = cli(config, "--json", "sync", connector, "--dry-run");
                assertThat(planned.json().path("would_delete").asLong()).isEqualTo(removedDocuments);
                assertThat(planned.json().path("would_create").asLong()).isZero();
                assertThat(qb.stat("BatchDeleteDocument") + qb.stat("BatchPutDocument")).isZero();
                assertThat(qb.document("issue-" + removed.id())).isPresent();

                // ---- sync --clean: the state is cleared first, every document is sent again, the deleted one goes
                Run clean = cli(config, "sync", connector, "--clean");
                assertThat(clean.exit()).as(clean.out() + clean.err()).isZero();
                assertThat(clean.err()).contains("--clean: cleared the state of qbusiness");
                assertThat(qb.stat("documents_put")).isEqualTo(expected - removedDocuments);
                assertThat(qb.ids()).hasSize((int) (expected - removedDocuments)).doesNotContain("issue-" + removed.id());

                // ---- doctor now reports the last sync job
                Run after = cli(config, "doctor", connector);
                assertThat(after.out()).containsPattern("OK +connector [^ ]+: qbusiness last sync job +exec-\\d+ \\(SUCCEEDED, started ")
                        .containsPattern("OK +connector [^ ]+: qbusiness state +" + (expected - removedDocuments) + " documents");
            } finally {
                probe.client().indices().delete(d -> d.index("connectors-qbusiness-state-" + connector).ignoreUnavailable(true));
                probe.client().delete(d -> d.index(".elastic-connectors").id(connector));
            }
        }
    }
}
