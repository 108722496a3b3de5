package io.connectors.ftest.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectors.core.config.ConfigLoader;
import io.connectors.core.config.ConnectorsConfig;
import io.connectors.core.server.DaemonHttpServer;
import io.connectors.core.service.Daemon;
import io.connectors.core.service.DaemonSettings;
import io.connectors.ftest.EsRest;
import io.connectors.ftest.FtestOptions;
import io.connectors.ftest.Kibana;
import io.connectors.ftest.jira.JiraData.Issue;
import io.connectors.testkit.elasticsearch.ElasticsearchExtension;
import io.connectors.testkit.elasticsearch.TestElasticsearch;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.Disposable;

/**
 * The daemon's webhooks end to end, in one JVM: a real Elasticsearch, the mock Jira posting signed webhooks for its
 * admin mutations, the daemon (poll loop and HTTP listener) serving three Jira connectors: {@code a} (secret, every
 * project, fully synced first), {@code b} (another secret, project P2 only) and {@code c} (no secret). Each change
 * must be searchable within 2 s without a sync job; refused requests change nothing; missed webhooks are healed by an
 * incremental sync (last).
 */
@ExtendWith(ElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JiraWebhooksIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WITHIN = Duration.ofSeconds(2);
    private static final String SECRET_A = "test-secret-a";
    private static final String SECRET_B = "test-secret-b";

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String a = "webhooks-a-" + run;
    private final String b = "webhooks-b-" + run;
    private final String c = "webhooks-c-" + run;
    private final String connectorsIndex = ".test-webhooks-connectors-" + run;
    private final String jobsIndex = ".test-webhooks-jobs-" + run;
    private final HttpClient http = HttpClient.newHttpClient();
    private MockJira mock;
    private EsRest es;
    private Kibana kibana;
    private Daemon daemon;
    private DaemonHttpServer listener;
    private Disposable service;

    @BeforeAll
    void start(TestElasticsearch elasticsearch) {
        mock = MockJira.start(MockJira.Options.of(MockJira.Flavor.CLOUD, 30).withProjects(3));
        es = new EsRest(elasticsearch.url());
        // control indices of this class's own: other daemons on the shared cluster never clean up its jobs
        kibana = new Kibana(es, connectorsIndex, jobsIndex);
        ConnectorsConfig config = ConfigLoader.parse("""
                elasticsearch:
                  host: %s
                  bulk:
                    retry_interval: 1
                service:
                  idling: 1
                  http:
                    port: 0
                    webhook_queue_size: 3
                    webhook_concurrency: 1
                connectors:
                  - {connector_id: %s, service_type: jira}
                  - {connector_id: %s, service_type: jira}
                  - {connector_id: %s, service_type: jira}
                """.formatted(elasticsearch.url(), a, b, c), "webhooks-it.yml", Map.of());
        daemon = Daemon.create(config, DaemonSettings.from(config)
                .withIndices(new io.connectors.core.protocol.ControlIndices(connectorsIndex, jobsIndex)));
        listener = DaemonHttpServer.start(daemon.context(), daemon.service(), config.service().http());
        service = daemon.service().run().subscribe();
        await().atMost(Duration.ofSeconds(60)).until(() -> es.exists(connectorsIndex));
        kibana.createConnector(a, connectorDocument(a, SECRET_A, "*"));
        kibana.createConnector(b, connectorDocument(b, SECRET_B, "P2"));
        kibana.createConnector(c, connectorDocument(c, null, "*"));
        for (String id : List.of(a, b, c)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> kibana.connector(id).path("status").asText().equals("connected"));
        }
        completed(kibana.createJob(a, "full"));
        mock.webhook("http://127.0.0.1:" + listener.port() + "/webhooks/jira/" + a, SECRET_A);
    }

    @AfterAll
    void stop() {
        if (service != null) {
            daemon.service().stop();
            service.dispose();
        }
        if (listener != null) {
            listener.close();
        }
        if (daemon != null) {
            daemon.close();
        }
        if (mock != null) {
            mock.close();
        }
        if (es != null) {
            for (String index : List.of("search-" + a, "search-" + b, "search-" + c, connectorsIndex, jobsIndex)) {
                if (es.exists(index)) {
                    es.deleteIndex(index);
                }
            }
            es.close();
        }
    }

    // ------------------------------------------------------------------ each event type, no sync job

    @Test
    @Order(1)
    void issueUpdated_signedWebhook_searchableWithin2sWithoutAJob() throws Exception {
        Issue issue = mock.data().issues().get(4);
        long jobs = jobsOf(a);
        admin("PUT", "/_admin/issues/" + issue.key(), "{\"summary\":\"Renamed wtok1 by a webhook\"}");
        awaitSearchable("summary", "wtok1", "issue-" + issue.id());
        Issue now = mock.data().issue(issue.key()).orElseThrow();
        assertThat(source("issue-" + issue.id()).path("_timestamp").asText()).isEqualTo(MockJira.time(now.updated()));
        assertThat(jobsOf(a)).as("no sync job").isEqualTo(jobs);
    }

    @Test
    @Order(2)
    void commentCreated_signedWebhook_commentSearchableWithin2s() throws Exception {
        Issue issue = mock.data().issues().get(5);
        admin("PUT", "/_admin/issues/" + issue.key(), "{\"comment\":\"A comment wtok2 from a webhook\"}");
        awaitSearchable("comments.text", "wtok2", "issue-" + issue.id());
    }

    @Test
    @Order(3)
    void attachmentAdded_signedWebhook_attachmentExtractedWithin2sOthersNotDownloadedAgain() throws Exception {
        Issue issue = mock.data().issues().stream().filter(i -> i.attachments().size() == 1
                && i.attachments().getFirst().kind() == JiraData.Kind.TXT).findFirst().orElseThrow();
        mock.resetStats();
        admin("PUT", "/_admin/issues/" + issue.key(), "{\"attachment\":true}");
        JiraData.AttachmentFile added = mock.data().issue(issue.key()).orElseThrow().attachments().getLast();
        awaitSearchable("body", added.token(), "attachment-" + added.id());
        assertThat(source("attachment-" + added.id()).path("_timestamp").asText()).isEqualTo(MockJira.time(added.created()));
        assertThat(((Number) mock.stats().get("attachment_contents_served")).intValue())
                .as("only the new attachment is downloaded; the one already indexed is skipped by its marker").isEqualTo(1);
    }

    @Test
    @Order(4)
    void issueDeleted_signedWebhook_issueAndAttachmentsGoneWithin2s() throws Exception {
        Issue issue = mock.data().issues().stream().filter(i -> !i.attachments().isEmpty()).skip(2).findFirst().orElseThrow();
        List<String> ids = new ArrayList<>(List.of("issue-" + issue.id()));
        issue.attachments().forEach(attachment -> ids.add("attachment-" + attachment.id()));
        ids.forEach(id -> assertThat(count(id)).as(id + " indexed before").isEqualTo(1));
        admin("DELETE", "/_admin/issues/" + issue.key(), null);
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(50)).until(() -> ids.stream().allMatch(id -> count(id) == 0));
    }

    @Test
    @Order(5)
    void issueCreated_signedWebhook_searchableWithin2s() throws Exception {
        JsonNode answer = JSON.readTree(admin("POST", "/_admin/issues",
                "{\"project\":\"P1\",\"summary\":\"Added wtok5 through a webhook\",\"attachment\":true}"));
        Issue issue = mock.data().issue(answer.path("id").asText()).orElseThrow();
        awaitSearchable("summary", "wtok5", "issue-" + issue.id());
        await().atMost(WITHIN).until(() -> count("attachment-" + issue.attachments().getFirst().id()) == 1);
    }

    @Test
    @Order(6)
    void tenQuickUpdates_ofOneIssue_costAtMostTwoFetches() throws Exception {
        Issue issue = mock.data().issues().get(7);
        mock.webhook(null, null);
        for (int i = 0; i < 10; i++) {
            mock.data().update(issue.key(), "Burst wtok6x" + i, null, null, null);
        }
        mock.resetStats();
        byte[] body = issueEvent("jira:issue_updated", issue);
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> posts = new ArrayList<>();
        for (int i = 0; i < 10; i++) { // as Jira sends a burst: without waiting for each answer
            posts.add(http.sendAsync(HttpRequest.newBuilder(uri("/webhooks/jira/" + a)).header("X-Hub-Signature",
                    JiraWebhooks.sign(SECRET_A, body)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (var post : posts) {
            assertThat(post.join().statusCode()).isEqualTo(202);
        }
        awaitSearchable("summary", "wtok6x9", "issue-" + issue.id());
        await().atMost(WITHIN).until(() -> listenerDepth() == 0);
        assertThat(((Number) mock.stats().get("full_issues_served")).intValue()).as("whole-issue fetches").isBetween(1, 2);
        mock.webhook("http://127.0.0.1:" + listener.port() + "/webhooks/jira/" + a, SECRET_A);
    }

    @Test
    @Order(7)
    void issueOutsideTheConnectorsProjects_isIgnored() throws Exception {
        Issue p1 = mock.data().issues().stream().filter(i -> i.projectKey().equals("P1")).findFirst().orElseThrow();
        Issue p2 = mock.data().issues().stream().filter(i -> i.projectKey().equals("P2")).findFirst().orElseThrow();
        byte[] outside = issueEvent("jira:issue_updated", p1);
        byte[] inside = issueEvent("jira:issue_updated", p2);
        assertThat(post(b, outside, JiraWebhooks.sign(SECRET_B, outside)).statusCode()).isEqualTo(202);
        assertThat(post(b, inside, JiraWebhooks.sign(SECRET_B, inside)).statusCode()).isEqualTo(202);
        // b was never synced: its first event creates its index and its source (a few seconds on a busy machine)
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> countIn("search-" + b, "issue-" + p2.id()) == 1);
        assertThat(countIn("search-" + b, "issue-" + p1.id())).as("P1 is not b's project").isZero();
    }

    @Test
    @Order(8)
    void otherEventTypes_acknowledgedAndIgnored() throws Exception {
        byte[] body = "{\"timestamp\":1,\"webhookEvent\":\"worklog_created\",\"worklog\":{\"id\":\"1\"}}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> answer = post(a, body, JiraWebhooks.sign(SECRET_A, body));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("ignored");
    }

    // ------------------------------------------------------------------ refusals change nothing

    @Test
    @Order(10)
    void refusedRequests_answerTheirStatusAndChangeNothing() throws Exception {
        Issue issue = mock.data().issues().get(9);
        String before = source("issue-" + issue.id()).path("_timestamp").asText();
        mock.webhook(null, null);
        mock.data().update(issue.key(), "Unsigned wtok10 change", null, null, null);
        byte[] body = issueEvent("jira:issue_updated", issue);

        assertThat(post(a, body, JiraWebhooks.sign("not-the-secret", body)).statusCode()).as("wrong secret").isEqualTo(401);
        assertThat(post(a, body, null).statusCode()).as("no signature").isEqualTo(401);
        assertThat(post(a, body, JiraWebhooks.sign(SECRET_B, body)).statusCode())
                .as("a body replayed with another connector's valid signature").isEqualTo(401);
        byte[] tampered = body.clone();
        tampered[tampered.length - 3] ^= 1;
        assertThat(post(a, tampered, JiraWebhooks.sign(SECRET_A, body)).statusCode()).as("body changed after signing").isEqualTo(401);
        assertThat(post("no-such-connector-" + run, body, JiraWebhooks.sign(SECRET_A, body)).statusCode()).as("unknown connector")
                .isEqualTo(404);
        assertThat(send("/webhooks/confluence/" + a, body, JiraWebhooks.sign(SECRET_A, body)).statusCode())
                .as("connector of another service type").isEqualTo(404);
        assertThat(post(c, body, JiraWebhooks.sign(SECRET_A, body)).statusCode()).as("connector without webhook_secret").isEqualTo(403);
        byte[] huge = new byte[(1 << 20) + 1];
        assertThat(post(a, huge, JiraWebhooks.sign(SECRET_A, huge)).statusCode()).as("over 1 MiB").isEqualTo(413);
        byte[] garbage = "{\"hello\":1}".getBytes(StandardCharsets.UTF_8);
        assertThat(post(a, garbage, JiraWebhooks.sign(SECRET_A, garbage)).statusCode()).as("signed, not a Jira webhook").isEqualTo(400);

        Thread.sleep(1000); // give a wrongly accepted event time to land: nothing may change
        es.refresh("search-" + a);
        assertThat(source("issue-" + issue.id()).path("_timestamp").asText()).isEqualTo(before);
        assertThat(scrape()).contains("outcome=\"unauthorized\"");
        mock.webhook("http://127.0.0.1:" + listener.port() + "/webhooks/jira/" + a, SECRET_A);
    }

    // ------------------------------------------------------------------ health and metrics

    @Test
    @Order(20)
    void health_readyWithElasticsearchAndTheServedConnectors() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri("/health")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode health = JSON.readTree(answer.body());
        assertThat(health.path("ready").asBoolean()).isTrue();
        assertThat(health.path("elasticsearch").path("reachable").asBoolean()).isTrue();
        assertThat(health.path("connectors").path("served").toString()).contains(a, b, c);
    }

    @Test
    @Order(21)
    void metrics_prometheusTextWithJobsDocumentsBulkSourceAndWebhookMeters() throws Exception {
        String text = scrape();
        assertThat(text).contains("connectors_jobs_total{status=\"completed\",type=\"full\"}")
                .contains("connectors_documents_indexed_total{origin=\"sync\"}")
                .contains("connectors_documents_indexed_total{origin=\"webhook\"}")
                .contains("connectors_documents_deleted_total{origin=\"webhook\"}")
                .contains("connectors_bulk_latency_seconds_count")
                .contains("connectors_source_requests_total{status=\"200\"}")
                .contains("connectors_webhook_events_total{outcome=\"indexed\",type=\"jira:issue_updated\"}")
                .contains("connectors_webhook_events_total{outcome=\"deleted\",type=\"jira:issue_deleted\"}")
                .contains("connectors_webhook_events_total{outcome=\"out_of_scope\",type=\"jira:issue_updated\"}")
                .contains("connectors_webhook_queue_depth");
    }

    // ------------------------------------------------------------------ overflow and healing

    @Test
    @Order(30)
    void queueOverflow_queuesAnIncrementalSyncInsteadOfDropping() throws Exception {
        mock.faults(new Faults(0, 0, 0, 0, Duration.ofMillis(400))); // slow fetches: the queue of 3 fills
        long jobsBefore = jobsOf(a);
        List<Integer> statuses = new ArrayList<>();
        for (Issue issue : mock.data().issues().subList(10, 20)) {
            byte[] body = issueEvent("jira:issue_updated", issue);
            statuses.add(post(a, body, JiraWebhooks.sign(SECRET_A, body)).statusCode());
        }
        assertThat(statuses).containsOnly(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> jobsOf(a) == jobsBefore + 1);
        mock.faults(Faults.NONE);
        JsonNode job = es.search(jobsIndex, Map.of("query", Map.of("term", Map.of("connector.id", a)),
                "sort", List.of(Map.of("created_at", "desc")), "size", 1)).path("hits").path("hits").path(0).path("_source");
        assertThat(job.path("metadata").path("reason").asText()).isEqualTo("webhook queue overflow");
        assertThat(job.path("job_type").asText()).isEqualTo("incremental");
        await().atMost(Duration.ofSeconds(60)).until(() -> listenerDepth() == 0 && daemon.service().runningJobs().isEmpty()
                && pendingJobsOf(a) == 0);
    }

    @Test
    @Order(35)
    void webhookDuringASync_appliedAtOnceAndAgainWhenTheSyncEnds() throws Exception {
        mock.faults(new Faults(0, 0, 0, 0, Duration.ofMillis(150))); // a sync of a few seconds
        double before = indexedUpdates();
        String job = kibana.createJob(a, "full");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> kibana.job(job).path("status").asText().equals("in_progress"));
        Issue issue = mock.data().issues().get(12);
        admin("PUT", "/_admin/issues/" + issue.key(), "{\"summary\":\"During a sync wtok35\"}");
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> countMatching("summary", "wtok35") == 1);
        assertThat(kibana.job(job).path("status").asText()).as("applied while the sync ran").isEqualTo("in_progress");
        completed(job);
        mock.faults(Faults.NONE);
        // the overlap rule: what a webhook wrote during the sync is fetched and written once more after it
        await().atMost(Duration.ofSeconds(10)).until(() -> indexedUpdates() >= before + 2);
        awaitSearchable("summary", "wtok35", "issue-" + issue.id());
        assertThat(source("issue-" + issue.id()).path("_timestamp").asText())
                .isEqualTo(MockJira.time(mock.data().issue(issue.key()).orElseThrow().updated()));
    }

    private double indexedUpdates() throws Exception {
        return scrape().lines().filter(line -> line.startsWith("connectors_webhook_events_total{outcome=\"indexed\",type=\"jira:issue_updated\"}"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst().orElse(0);
    }

    @Test
    @Order(40)
    void missedWebhooks_healedExactlyByTheNextIncrementalSync() throws Exception {
        mock.webhook(null, null); // the daemon misses everything from here
        Issue renamed = mock.data().issues().get(11);
        admin("PUT", "/_admin/issues/" + renamed.key(), "{\"summary\":\"Missed wtok40\",\"comment\":\"missed comment\"}");
        admin("POST", "/_admin/issues", "{\"project\":\"P3\",\"summary\":\"Missed wtok41\",\"attachment\":true}");
        Thread.sleep(500);
        assertThat(countMatching("summary", "wtok40")).as("missed: not applied").isZero();

        completed(kibana.createJob(a, "incremental"));

        es.refresh("search-" + a);
        Map<String, String> indexed = new TreeMap<>();
        for (JsonNode hit : es.scan("search-" + a, JSON.createObjectNode().set("match_all", JSON.createObjectNode()), "id",
                List.of("_timestamp", "type"))) {
            indexed.put(hit.path("_id").asText(), hit.path("_source").path("type").asText().equals("project") ? "project"
                    : hit.path("_source").path("_timestamp").asText());
        }
        Map<String, String> expected = new TreeMap<>();
        JiraScenario.expectedDocuments(mock.data()).forEach((id, document) ->
                expected.put(id, document.type().equals("project") ? "project" : document.timestamp()));
        assertThat(indexed).as("the index equals the mock: every id and change marker").isEqualTo(expected);
    }

    // ------------------------------------------------------------------ helpers

    private Map<String, Object> connectorDocument(String id, String secret, String projects) {
        FtestOptions options = FtestOptions.defaults("jira").withConnectorId(id);
        Map<String, Object> document = new JiraScenario(options).connectorDocument(mock);
        @SuppressWarnings("unchecked")
        Map<String, Object> configuration = new LinkedHashMap<>((Map<String, Object>) document.get("configuration"));
        Map<String, Object> projectsField = new LinkedHashMap<>(castMap(configuration.get("projects")));
        projectsField.put("value", projects);
        configuration.put("projects", projectsField);
        if (secret != null) {
            configuration.put("webhook_secret", Map.of("label", "Webhook secret", "order", 18, "type", "str", "display", "text",
                    "required", false, "sensitive", true, "value", secret));
        }
        document.put("configuration", configuration);
        return document;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }

    /** A Jira Cloud issue event body for {@code issue} (its id and key are what the daemon reads). */
    private static byte[] issueEvent(String type, Issue issue) {
        ObjectNode body = JSON.createObjectNode().put("timestamp", System.currentTimeMillis()).put("webhookEvent", type)
                .put("issue_event_type_name", "issue_generic");
        body.putObject("issue").put("id", issue.idText()).put("key", issue.key()).putObject("fields").put("summary", issue.summary());
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> post(String connectorId, byte[] body, String signature) throws Exception {
        return send("/webhooks/jira/" + connectorId, body, signature);
    }

    private HttpResponse<String> send(String path, byte[] body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header("X-Hub-Signature", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + listener.port() + path);
    }

    private String scrape() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri("/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
        return answer.body();
    }

    private double listenerDepth() throws Exception {
        return scrape().lines().filter(line -> line.startsWith("connectors_webhook_queue_depth"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
    }

    private String admin(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(mock.url() + path));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.body()).isLessThan(300);
        return answer.body();
    }

    private void awaitSearchable(String field, String token, String id) {
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            JsonNode hits = es.search("search-" + a, Map.of("query", Map.of("match", Map.of(field, token)))).path("hits").path("hits");
            assertThat(hits.size()).as(token + " in " + field).isEqualTo(1);
            assertThat(hits.path(0).path("_id").asText()).isEqualTo(id);
        });
    }

    private long countMatching(String field, String token) {
        return es.count("search-" + a, Map.of("match", Map.of(field, token)));
    }

    private long count(String id) {
        return countIn("search-" + a, id);
    }

    private long countIn(String index, String id) {
        return es.exists(index) ? es.count(index, Map.of("ids", Map.of("values", List.of(id)))) : 0;
    }

    private JsonNode source(String id) {
        return es.get("search-" + a, id).orElseThrow();
    }

    private long jobsOf(String connectorId) {
        es.refresh(jobsIndex);
        return es.count(jobsIndex, Map.of("term", Map.of("connector.id", connectorId)));
    }

    private long pendingJobsOf(String connectorId) {
        es.refresh(jobsIndex);
        return es.count(jobsIndex, Map.of("bool", Map.of("filter", List.of(Map.of("term", Map.of("connector.id", connectorId)),
                Map.of("terms", Map.of("status", List.of("pending", "in_progress")))))));
    }

    private void completed(String jobId) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
            String status = kibana.job(jobId).path("status").asText();
            assertThat(status).as("job " + jobId + ": " + kibana.job(jobId).path("error")).isIn("pending", "in_progress", "completed");
            return status.equals("completed");
        });
    }
}
