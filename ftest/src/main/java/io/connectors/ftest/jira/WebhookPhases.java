package io.connectors.ftest.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectors.ftest.DaemonProcess;
import io.connectors.ftest.EsRest;
import io.connectors.ftest.FtestEnvironment;
import io.connectors.ftest.FtestReport;
import io.connectors.ftest.Kibana;
import io.connectors.ftest.SyncPhase;
import io.connectors.ftest.jira.JiraData.AttachmentFile;
import io.connectors.ftest.jira.JiraData.Issue;
import io.connectors.ftest.jira.JiraScenario.Expected;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code make ftest NAME=jira WEBHOOKS=yes}, after the first full sync (docs/webhooks.md):
 * <ol>
 *   <li>the mock posts signed webhooks for its admin mutations to the daemon's listener: an issue updated, a comment
 *       added, an attachment added, an issue deleted, an issue added; each must be searchable (or gone) within 2 s,
 *       without any sync job; then the index must equal the mock exactly (ids, types, keys, change markers);</li>
 *   <li>an event signed with the wrong secret is answered 401 and changes nothing;</li>
 *   <li>the daemon is stopped; issues are updated and added meanwhile (Jira's posts fail); the daemon starts again and
 *       the next incremental sync makes the index equal the mock exactly.</li>
 * </ol>
 */
final class WebhookPhases {

    static final String SECRET = "ftest-webhook-secret";
    private static final Logger log = LoggerFactory.getLogger(WebhookPhases.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WITHIN = Duration.ofSeconds(2);

    private final JiraScenario scenario;
    private final FtestEnvironment env;
    private final MockJira mock;
    private final JiraScenario.Admin admin;
    private final JiraScenario.Verifier verifier;
    private final int port;
    private final String daemonConfig;
    private final FtestReport report;
    private final EsRest es;
    private final String connectorId;
    private final String index;
    private final HttpClient http = HttpClient.newHttpClient();

    WebhookPhases(JiraScenario scenario, FtestEnvironment env, MockJira mock, JiraScenario.Admin admin,
                  JiraScenario.Verifier verifier, int port, String daemonConfig) {
        this.scenario = scenario;
        this.env = env;
        this.mock = mock;
        this.admin = admin;
        this.verifier = verifier;
        this.port = port;
        this.daemonConfig = daemonConfig;
        this.report = env.report();
        this.es = env.es();
        this.connectorId = env.options().connectorId();
        this.index = env.options().indexName();
    }

    private String url() {
        return "http://127.0.0.1:" + port + "/webhooks/jira/" + connectorId;
    }

    /** Runs the phases; returns the daemon running at the end (a new one: the healing phase restarts it). */
    DaemonProcess run(DaemonProcess daemon) throws Exception {
        JiraData data = mock.data();
        String phase = "1w. webhooks";
        mock.webhook(url(), SECRET);
        long jobs = jobs();
        List<Issue> issues = data.issues();
        warmUp(daemon, issues.get(1));

        Issue updated = issues.get(3);
        admin.put("/_admin/issues/" + updated.key(), "{\"summary\":\"Webhook wtok1 rename\"}");
        timed(phase, "issue updated (jira:issue_updated)", () -> holds(data.issue(updated.key()).orElseThrow()));

        Issue commented = issues.get(4);
        admin.put("/_admin/issues/" + commented.key(), "{\"comment\":\"Webhook wtok2 comment\"}");
        timed(phase, "comment added (comment_created + jira:issue_updated)", () -> holds(data.issue(commented.key()).orElseThrow())
                && matches("comments.text", "wtok2") == 1);

        Issue attached = issues.get(6);
        admin.put("/_admin/issues/" + attached.key(), "{\"attachment\":true}");
        AttachmentFile attachment = data.issue(attached.key()).orElseThrow().attachments().getLast();
        timed(phase, "attachment added (attachment_created + jira:issue_updated)", () -> holds(data.issue(attached.key()).orElseThrow())
                && holds("attachment-" + attachment.id(), MockJira.time(attachment.created())));

        Issue deleted = issues.stream().filter(issue -> !issue.attachments().isEmpty()).skip(3).findFirst().orElseThrow();
        List<String> deletedIds = new ArrayList<>(List.of("issue-" + deleted.id()));
        deleted.attachments().forEach(file -> deletedIds.add("attachment-" + file.id()));
        admin.delete("/_admin/issues/" + deleted.key());
        timed(phase, "issue deleted with " + deleted.attachments().size() + " attachments (jira:issue_deleted)",
                () -> deletedIds.stream().allMatch(id -> count(id) == 0));

        JsonNode answer = JSON.readTree(admin.post("/_admin/issues",
                "{\"project\":\"" + data.projects().getFirst().key() + "\",\"summary\":\"Webhook wtok5 added\",\"attachment\":true}"));
        Issue added = data.issue(answer.path("id").asText()).orElseThrow();
        timed(phase, "issue added with an attachment (jira:issue_created)", () -> holds(added)
                && holds("attachment-" + added.attachments().getFirst().id(), MockJira.time(added.attachments().getFirst().created())));

        report.expectEqual(phase, "sync jobs created while webhooks applied the changes", jobs, jobs());
        report.fact("webhooks", "mock's posts answered: " + ((Map<?, ?>) mock.stats().get("webhooks")));
        verifier.index(phase, JiraScenario.expectedDocuments(data));

        // ---- a bad signature changes nothing
        String badPhase = "1x. bad signature";
        mock.webhook(null, null);
        issues = data.issues(); // without the deleted one
        Issue target = issues.get(8);
        String before = timestamp("issue-" + target.id());
        data.update(target.key(), "Unsigned wtok9 change", null, null, null);
        ObjectNode body = JSON.createObjectNode().put("timestamp", System.currentTimeMillis()).put("webhookEvent", "jira:issue_updated");
        body.putObject("issue").put("id", target.idText()).put("key", target.key());
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(url())).header("Content-Type", "application/json")
                .header("X-Hub-Signature", JiraWebhooks.sign("not-the-" + SECRET, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        report.expectEqual(badPhase, "an event signed with the wrong secret is answered", 401, refused.statusCode());
        Thread.sleep(1500); // a wrongly accepted event would have landed by now
        es.refresh(index);
        report.expectEqual(badPhase, "the issue's document is unchanged", before, timestamp("issue-" + target.id()));

        // ---- daemon down: missed webhooks, healed by the next incremental sync
        String healPhase = "1h. healed";
        mock.webhook(url(), SECRET); // Jira keeps posting; nobody listens
        int exit = env.stopDaemon(daemon);
        report.expectEqual(healPhase, "daemon exit status after SIGTERM (stopped for the missed webhooks)", 0, exit);
        issues = data.issues();
        admin.put("/_admin/issues/" + issues.get(9).key(), "{\"summary\":\"Missed wtok10\",\"comment\":\"missed comment\"}");
        admin.put("/_admin/issues/" + issues.get(10).key(), "{\"attachment\":true}");
        admin.post("/_admin/issues", "{\"project\":\"" + data.projects().getLast().key() + "\",\"summary\":\"Missed wtok11\",\"attachment\":true}");
        Thread.sleep(500);
        report.fact("missed webhooks", "posted while the daemon was down: " + mock.stats().get("webhooks"));
        DaemonProcess restarted = env.startDaemon(daemonConfig);
        env.kibana().awaitConnectorStatus(connectorId, "connected", Duration.ofSeconds(90), restarted);
        SyncPhase.Run heal = scenario.runJob(env, admin, restarted, healPhase, "incremental");
        Map<String, Expected> expected = JiraScenario.expectedDocuments(data);
        verifier.index(heal.name(), expected);
        mock.webhook(null, null);
        return restarted;
    }

    /**
     * The first event of a daemon pays for its start (the connector's event source and HTTP client created, custom
     * field names read, code paths compiled): one signed event for an unchanged issue, reported as a fact, before the
     * timed mutations.
     */
    private void warmUp(DaemonProcess daemon, Issue unchanged) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("timestamp", System.currentTimeMillis()).put("webhookEvent", "jira:issue_updated");
        body.putObject("issue").put("id", unchanged.idText()).put("key", unchanged.key());
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        long start = System.nanoTime();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url())).header("Content-Type", "application/json")
                .header("X-Hub-Signature", JiraWebhooks.sign(SECRET, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        report.expectEqual("1w. webhooks", "a signed event is accepted", 202, answer.statusCode());
        long deadline = start + Duration.ofSeconds(30).toNanos();
        while (daemon.logLines("webhook jira:issue_updated " + unchanged.key() + " ").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(25);
        }
        report.fact("first webhook of the daemon (cold)", "applied " + (System.nanoTime() - start) / 1_000_000
                + " ms after the POST: " + daemon.logLines("webhook jira:issue_updated " + unchanged.key() + " "));
    }

    /** Waits for {@code done} (polled against the searchable index) and checks it took at most {@link #WITHIN}. */
    private void timed(String phase, String what, BooleanSupplier done) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(15).toNanos();
        boolean reached = false;
        while (System.nanoTime() < deadline) {
            if (done.getAsBoolean()) {
                reached = true;
                break;
            }
            Thread.sleep(25);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        log.info("{}: {} searchable after {} ms", phase, what, millis);
        report.check(phase, what + ": searchable without a sync job within " + WITHIN.toSeconds() + " s",
                reached && millis <= WITHIN.toMillis(), reached ? millis + " ms" : "not within 15 s");
    }

    private boolean holds(Issue issue) {
        return holds("issue-" + issue.id(), MockJira.time(issue.updated()));
    }

    /** The searchable index holds {@code id} with change marker {@code timestamp}. */
    private boolean holds(String id, String timestamp) {
        return es.count(index, Map.of("bool", Map.of("filter", List.of(Map.of("ids", Map.of("values", List.of(id))),
                Map.of("term", Map.of("_timestamp", timestamp)))))) == 1;
    }

    private long matches(String field, String token) {
        return es.count(index, Map.of("match", Map.of(field, token)));
    }

    private long count(String id) {
        return es.count(index, Map.of("ids", Map.of("values", List.of(id))));
    }

    private String timestamp(String id) {
        return es.get(index, id).map(source -> source.path("_timestamp").asText()).orElse("(absent)");
    }

    private long jobs() {
        es.refresh(Kibana.JOBS);
        return es.count(Kibana.JOBS, Map.of("term", Map.of("connector.id", connectorId)));
    }
}
