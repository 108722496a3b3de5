package io.connectors.ftest.jira;

import static io.connectors.ftest.Kibana.field;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectors.ftest.AtlassianFlavor;
import io.connectors.ftest.DaemonProcess;
import io.connectors.ftest.EsRest;
import io.connectors.ftest.FtestEnvironment;
import io.connectors.ftest.FtestFailure;
import io.connectors.ftest.FtestOptions;
import io.connectors.ftest.FtestReport;
import io.connectors.ftest.Kibana;
import io.connectors.ftest.Scenario;
import io.connectors.ftest.SyncPhase.Run;
import io.connectors.ftest.SyncPhase;
import io.connectors.ftest.jira.JiraData.AttachmentFile;
import io.connectors.ftest.jira.JiraData.Comment;
import io.connectors.ftest.jira.JiraData.Issue;
import io.connectors.ftest.jira.JiraData.Kind;
import io.connectors.ftest.jira.JiraData.Project;
import io.connectors.ftest.jira.MockJira.Flavor;
import io.connectors.ftest.qbusiness.MockQBusiness;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code make ftest NAME=jira}: the mock Jira ({@link MockJira}), the daemon as a separate process, and the Jira
 * connector driven through the protocol only.
 * <ol>
 *   <li>the connector document (Elastic's Jira keys for the flavour) and, once the daemon reports it
 *       {@code connected}, a pending full job;</li>
 *   <li>after it completed: the job's counters, the index exactly equal to the mock (every id, type, key and
 *       {@code _timestamp}, counts by type), every issue's key and description token searchable, a sample of
 *       comment tokens, every text attachment's token (PDF and DOCX too when the daemon has a real extractor),
 *       the oversized attachment indexed without body as {@code too_large}, the corrupt one indexed;</li>
 *   <li>changes through the mock's admin endpoints (issues updated with a new comment, deleted, added with and
 *       without attachment), an incremental job (exactly the changed documents written, nothing deleted), then a
 *       full job (the deleted issues and their attachments gone, nothing rewritten, counts exact again);</li>
 *   <li>SIGTERM: the daemon exits 0.</li>
 * </ol>
 */
public final class JiraScenario implements Scenario {

    private static final Logger log = LoggerFactory.getLogger(JiraScenario.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Over Elastic's (and our) 10 MiB {@code max_file_download_size}: skipped before download. */
    static final int OVERSIZED_BYTES = 11 << 20;
    private static final int SEARCHES_PER_REQUEST = 200;
    private static final int COMMENT_SAMPLE = 1_000;

    private final FtestOptions options;
    private final Flavor mockFlavor;
    private final String dataSource;

    public JiraScenario(FtestOptions options) {
        this.options = options;
        AtlassianFlavor flavor = AtlassianFlavor.of("jira", options.flavor());
        this.mockFlavor = flavor.cloud() ? Flavor.CLOUD : Flavor.SERVER;
        this.dataSource = flavor.dataSource();
    }

    // ------------------------------------------------------------------ the run

    @Override
    public void run(FtestEnvironment env) throws Exception {
        FtestReport report = env.report();
        Faults faults = options.faults() ? Faults.standard() : Faults.NONE;
        MockJira.Options mockOptions = MockJira.Options.of(mockFlavor, options.size().issues())
                .withProjects(options.size().projects()).withSeed(options.seed())
                .withOversizedBytes(OVERSIZED_BYTES).withFaults(faults);
        long generating = System.nanoTime();
        try (MockJira mock = MockJira.start(mockOptions);
             Admin admin = new Admin(mock.url());
             MockQBusiness qbusiness = options.toQBusiness() ? MockQBusiness.start("ftest-app", "ftest-index", "ftest-ds") : null) {
            JiraData data = mock.data();
            report.fact("mock Jira", mockFlavor.name().toLowerCase(Locale.ROOT) + " flavour at " + mock.url() + ", data_source "
                    + dataSource + ", seed " + options.seed() + " (data generated in " + seconds(generating) + " s)");
            report.fact("mock data", describe(data));
            report.fact("faults", options.faults()
                    ? "429 with Retry-After " + faults.retryAfterSeconds() + " s every " + faults.rateLimitEvery()
                      + "th request, " + faults.errorBurstLength() + " x 500 every " + faults.errorBurstEvery()
                      + " requests; connector retry_count " + retryCount()
                    : "none");
            boolean rich = richExtraction();
            report.fact("attachment extraction", rich ? "Tika on the daemon's class path: txt, pdf and docx tokens checked"
                    : "no Tika on the daemon's class path (plain-text extractor): txt tokens checked, pdf/docx not");
            Kibana kibana = env.kibana();
            String connectorId = options.connectorId();
            String index = options.indexName();
            kibana.removeConnector(connectorId, index);
            String qbusinessBlock = "";
            if (qbusiness != null) {
                env.es().deleteIndex("connectors-qbusiness-state-" + connectorId.toLowerCase(Locale.ROOT));
                qbusinessBlock = qbusinessYaml(qbusiness, options.toElasticsearch() ? "[elasticsearch, qbusiness]" : "[qbusiness]");
                report.fact("mock Q Business", qbusiness.url() + " (SigV4 verified; sinks " + options.sink() + ")");
            }

            int listenerPort = options.webhooks() ? freePort() : 0;
            String daemonConfig = configYaml(env.es().url(), connectorId, options.daemonLogLevel(), listenerPort);
            DaemonProcess daemon = env.startDaemon(daemonConfig + qbusinessBlock);
            report.fact("daemon", daemon.commandLine() + " (pid " + daemon.pid() + ", log " + daemon.log() + ")");
            log.info("daemon started (pid {}), log {}", daemon.pid(), daemon.log());
            long connecting = System.nanoTime();
            kibana.awaitControlIndices(Duration.ofSeconds(90), daemon);
            kibana.createConnector(connectorId, connectorDocument(mock));
            log.info("connector {} created; waiting for the daemon to connect it", connectorId);
            JsonNode connector = kibana.awaitConnectorStatus(connectorId, "connected", Duration.ofSeconds(90), daemon);
            report.fact("connector", connectorId + " -> index " + index + ", connected " + seconds(connecting)
                    + " s after the daemon started");
            checkConfiguration(report, connector, mock);

            Verifier verifier = new Verifier(env.es(), index, report, rich);

            // ---- 1. full sync
            Map<String, Expected> expected = expectedDocuments(data);
            Run full = runJob(env, admin, daemon, "1. full", "full");
            String phase = full.name();
            report.expectEqual(phase, "job indexed_document_count = projects + issues + attachments", expected.size(), full.indexed());
            report.expectEqual(phase, "job deleted_document_count", 0, full.deleted());
            report.expectEqual(phase, "job total_document_count", expected.size(), full.total());
            if (options.toElasticsearch()) {
                verifier.index(phase, expected);
                verifier.searchable(phase, initialProbes(data, rich));
                verifier.specialAttachments(phase, data);
            }
            qbusinessHolds(report, phase, qbusiness, expected.keySet());
            qbusinessOriginals(report, phase, qbusiness, data.issues().stream().flatMap(issue -> issue.attachments().stream()).toList(), rich);
            JsonNode cursor = kibana.connector(connectorId).path("sync_cursor");
            report.check(phase, "connector sync_cursor written", cursor.path("jira_updated_since").isTextual(), cursor.toString());
            if (!options.faults()) {
                report.expectEqual(phase, "attachments downloaded once each (except the oversized one)",
                        data.attachmentCount() - 1, full.downloads());
            }

            if (options.webhooks()) {
                // WEBHOOKS=yes: the webhook phases replace the sync phases 2 and 3 (docs/webhooks.md)
                DaemonProcess restarted = new WebhookPhases(this, env, mock, admin, verifier, listenerPort, daemonConfig)
                        .run(daemon);
                finish(env, report, mock, restarted);
                return;
            }

            // ---- changes through the admin endpoints
            Map<String, Expected> beforeChanges = expectedDocuments(data);
            Changes changes = change(admin, data);
            report.fact("changes", changes.describe());

            // ---- 2. incremental sync
            Map<String, Expected> afterChanges = expectedDocuments(data);
            Map<String, Expected> withDeleted = new TreeMap<>(afterChanges);
            changes.deletedDocuments().forEach(id -> withDeleted.put(id, beforeChanges.get(id)));
            Run incremental = runJob(env, admin, daemon, "2. incremental", "incremental");
            phase = incremental.name();
            report.expectEqual(phase, "job indexed_document_count = updated + added issues + added attachments",
                    changes.updated().size() + changes.added().size() + changes.addedAttachments().size(), incremental.indexed());
            report.expectEqual(phase, "job deleted_document_count (incremental syncs never delete)", 0, incremental.deleted());
            report.expectEqual(phase, "job total_document_count", withDeleted.size(), incremental.total());
            if (options.toElasticsearch()) {
                verifier.index(phase, withDeleted);
                verifier.searchable(phase, changeProbes(data, changes, true));
            }
            qbusinessHolds(report, phase, qbusiness, withDeleted.keySet());
            qbusinessOriginals(report, phase, qbusiness, changes.addedAttachments(), rich);
            if (!options.faults()) {
                report.expectEqual(phase, "attachments downloaded: only the added ones", changes.addedAttachments().size(),
                        incremental.downloads());
            }

            // ---- 3. full sync: deletions
            if (qbusiness != null) {
                qbusiness.resetStats();
            }
            Run last = runJob(env, admin, daemon, "3. full", "full");
            phase = last.name();
            report.expectEqual(phase, "job indexed_document_count (nothing changed since the incremental sync)", 0, last.indexed());
            report.expectEqual(phase, "job deleted_document_count = deleted issues + their attachments",
                    changes.deletedDocuments().size(), last.deleted());
            report.expectEqual(phase, "job total_document_count", afterChanges.size(), last.total());
            List<Probe> finalProbes = new ArrayList<>(keyProbes(data));
            finalProbes.addAll(changeProbes(data, changes, false));
            if (options.toElasticsearch()) {
                verifier.index(phase, afterChanges);
                verifier.searchable(phase, finalProbes);
            }
            qbusinessHolds(report, phase, qbusiness, afterChanges.keySet());
            if (qbusiness != null) {
                report.expectEqual(phase, "mock Q Business: documents deleted = deleted issues + their attachments",
                        (long) changes.deletedDocuments().size(), qbusiness.stat("documents_deleted"));
                report.expectEqual(phase, "mock Q Business: documents put (nothing changed since the incremental sync)", 0L,
                        qbusiness.stat("documents_put"));
                report.expectEqual("run", "mock Q Business: requests with a refused SigV4 signature", 0L,
                        qbusiness.stat("signature_refused"));
                report.fact("mock Q Business stats", qbusiness.stats().toString());
            }
            if (!options.faults()) {
                report.expectEqual(phase, "attachments downloaded (all unchanged)", 0, last.downloads());
            }

            finish(env, report, mock, daemon);
        }
    }

    /** The checks of the whole run, then SIGTERM. */
    private void finish(FtestEnvironment env, FtestReport report, MockJira mock, DaemonProcess daemon) {
        Map<String, Object> stats = mock.stats();
        report.expectEqual("run", "mock: requests without valid credentials", 0, stats.get("unauthorized"));
        if (mockFlavor == Flavor.CLOUD) {
            report.expectEqual("run", "mock: media host requests carrying Authorization (must not leak)", 0,
                    stats.get("media_requests_with_authorization"));
        }
        long peak = daemon.peakRssKiB();
        int exit = env.stopDaemon(daemon);
        report.expectEqual("run", "daemon exit status after SIGTERM", 0, exit);
        report.fact("daemon peak RSS", mib(peak) + " MiB (VmHWM; max sampled VmRSS " + mib(daemon.maxSampledRssKiB())
                + " MiB over " + daemon.samples() + " samples every 200 ms)");
        List<String> errors = daemon.logLines(" ERROR ");
        report.fact("daemon log", daemon.logLines(" WARN ").size() + " WARN and " + errors.size() + " ERROR lines");
        report.check("run", "no ERROR line in the daemon's log", errors.isEmpty(),
                errors.isEmpty() ? "none" : errors.size() + ", first: " + errors.getFirst());
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    // ------------------------------------------------------------------ configuration and connector

    private int retryCount() {
        // the standard faults fail about 7 % of requests, in bursts; 5 retries keep a give-up below one in a million
        return options.faults() ? 5 : 3;
    }

    /** The connector entry's sinks and qbusiness block (appended to its item), for SINK=qbusiness or both. */
    public static String qbusinessYaml(MockQBusiness qbusiness, String sinks) {
        return """
                    sinks: %s
                    qbusiness:
                      region: %s
                      application_id: ftest-app
                      index_id: ftest-index
                      data_source_id: ftest-ds
                      endpoint: %s
                      access_key_id: %s
                      secret_access_key: %s
                """.formatted(sinks, MockQBusiness.REGION, qbusiness.url(), MockQBusiness.ACCESS_KEY_ID, MockQBusiness.SECRET);
    }

    /** That the mock Q Business holds exactly {@code ids} (when the run writes to it). */
    public static void qbusinessHolds(FtestReport report, String phase, @Nullable MockQBusiness qbusiness, java.util.Set<String> ids) {
        if (qbusiness == null) {
            return;
        }
        java.util.Set<String> held = qbusiness.ids();
        java.util.Set<String> missing = new java.util.TreeSet<>(ids);
        missing.removeAll(held);
        java.util.Set<String> unexpected = new java.util.TreeSet<>(held);
        unexpected.removeAll(ids);
        report.check(phase, "mock Q Business holds every expected document id", missing.isEmpty(),
                missing.isEmpty() ? ids.size() + " ids" : missing.size() + " missing, e.g. " + missing.iterator().next());
        report.check(phase, "mock Q Business holds no unexpected document id", unexpected.isEmpty(),
                unexpected.isEmpty() ? "none" : unexpected.size() + ", e.g. " + unexpected.iterator().next());
    }

    /**
     * That every attachment of a type Q Business parses landed as its original file: the mock Jira's exact bytes with
     * the right {@code contentType} (TXT as PLAIN_TEXT; PDF and MS_WORD when Tika extracts them, for the engine hands
     * over only files whose text came out); the corrupt and the oversized ones as extracted text. Then the counts.
     */
    public static void qbusinessOriginals(FtestReport report, String phase, @Nullable MockQBusiness qbusiness,
                                          List<AttachmentFile> attachments, boolean rich) {
        qbusinessOriginals(report, phase, qbusiness, attachments, rich, attachment -> "attachment-" + attachment.id(), "mock Jira");
    }

    /** As above, for a source whose attachment documents are named by {@code documentId} (Confluence's). */
    public static void qbusinessOriginals(FtestReport report, String phase, @Nullable MockQBusiness qbusiness,
                                          List<AttachmentFile> attachments, boolean rich,
                                          java.util.function.Function<AttachmentFile, String> documentId, String mock) {
        if (qbusiness == null) {
            return;
        }
        Map<Kind, String> types = rich ? Map.of(Kind.TXT, "PLAIN_TEXT", Kind.PDF, "PDF", Kind.DOCX, "MS_WORD")
                : Map.of(Kind.TXT, "PLAIN_TEXT");
        int originals = 0;
        List<String> wrong = new ArrayList<>();
        for (AttachmentFile attachment : attachments) {
            MockQBusiness.StoredDocument stored = qbusiness.document(documentId.apply(attachment)).orElse(null);
            String type = types.get(attachment.kind());
            if (stored == null) {
                wrong.add(attachment.filename() + ": missing");
            } else if (type != null) {
                originals++;
                if (!type.equals(stored.contentType()) || !java.util.Arrays.equals(attachment.bytes(), stored.content())) {
                    wrong.add(attachment.filename() + ": " + stored.contentType() + ", " + stored.content().length + " bytes, expected "
                            + type + " and the " + mock + "'s " + attachment.bytes().length + " bytes");
                }
            } else if (!"PLAIN_TEXT".equals(stored.contentType()) || java.util.Arrays.equals(attachment.bytes(), stored.content())) {
                wrong.add(attachment.filename() + " (" + attachment.kind() + "): " + stored.contentType() + ", expected its text as PLAIN_TEXT");
            }
        }
        report.check(phase, "mock Q Business: every " + (rich ? "txt, pdf and docx" : "txt") + " attachment is its original file "
                        + "(the " + mock + "'s bytes, its contentType); the others are text",
                wrong.isEmpty(), wrong.isEmpty() ? originals + " originals of " + attachments.size() + " attachments"
                        : wrong.size() + " wrong, first: " + wrong.getFirst());
    }

    static String configYaml(String elasticsearchUrl, String connectorId, String logLevel) {
        return configYaml(elasticsearchUrl, connectorId, logLevel, 0);
    }

    /** {@code listenerPort} > 0: the daemon's HTTP listener on that port (webhooks). */
    static String configYaml(String elasticsearchUrl, String connectorId, String logLevel, int listenerPort) {
        String listener = listenerPort > 0 ? "\n  http:\n    port: " + listenerPort : "";
        return """
                # written by the ftest runner
                elasticsearch:
                  host: %s
                  bulk:
                    retry_interval: 1
                service:
                  idling: 1
                  log_level: %s%s
                connectors:
                  - connector_id: %s
                    service_type: jira
                """.formatted(elasticsearchUrl, logLevel, listener, connectorId);
    }

    /** The connector as Kibana writes it for a connector client, configured with Elastic's Jira keys. */
    public Map<String, Object> connectorDocument(MockJira mock) {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("data_source", field("Jira data source", 1, "str", "dropdown", dataSource, false));
        switch (dataSource) {
            case "jira_cloud" -> {
                configuration.put("account_email", field("Jira Cloud email address", 8, "str", "text", mock.options().user(), false));
                configuration.put("api_token", field("Jira Cloud API token", 9, "str", "text", mock.options().secret(), true));
            }
            case "jira_server" -> {
                configuration.put("username", field("Jira Server username", 2, "str", "text", mock.options().user(), false));
                configuration.put("password", field("Jira Server password", 3, "str", "text", mock.options().secret(), true));
            }
            default -> {
                configuration.put("data_center_auth_method", field("Jira Data Center authentication method", 4, "str", "dropdown",
                        "personal_access_token", false));
                configuration.put("data_center_personal_access_token", field("Jira Data Center personal access token", 7, "str",
                        "text", mock.options().personalAccessToken(), true));
            }
        }
        configuration.put("jira_url", field("Jira host url", 10, "str", "text", mock.url(), false));
        configuration.put("projects", field("Jira project keys", 11, "list", "textarea", "*", false));
        configuration.put("ssl_enabled", field("Enable SSL", 12, "bool", "toggle", false, false));
        configuration.put("ssl_ca", field("SSL certificate", 13, "str", "textarea", "", false));
        configuration.put("retry_count", field("Retries for failed requests", 14, "int", "numeric", retryCount(), false));
        configuration.put("concurrent_downloads", field("Maximum concurrent downloads", 15, "int", "numeric", 100, false));
        configuration.put("use_document_level_security", field("Enable document level security", 16, "bool", "toggle", false, false));
        configuration.put("use_text_extraction_service", field("Use text extraction service", 17, "bool", "toggle", false, false));
        if (options.webhooks()) {
            configuration.put("webhook_secret", field("Webhook secret", 18, "str", "text", WebhookPhases.SECRET, true));
        }

        return Kibana.clientConnector("jira", "ftest jira " + options.flavor(), "ftest: " + options.label(), options.indexName(),
                configuration);
    }

    /** The daemon fills in the rest of the schema and keeps what Kibana set. */
    private void checkConfiguration(FtestReport report, JsonNode connector, MockJira mock) {
        JsonNode configuration = connector.path("configuration");
        List<String> keys = List.of("data_source", "username", "password", "data_center_auth_method", "data_center_username",
                "data_center_password", "data_center_personal_access_token", "account_email", "api_token", "jira_url",
                "projects", "ssl_enabled", "ssl_ca", "retry_count", "concurrent_downloads", "use_document_level_security",
                "use_text_extraction_service");
        List<String> missing = keys.stream().filter(key -> !configuration.path(key).isObject()).toList();
        report.check("connect", "the daemon wrote Elastic's 17 Jira configuration keys into the connector", missing.isEmpty(),
                missing.isEmpty() ? "all present" : "missing " + missing);
        report.check("connect", "the values Kibana set are kept", configuration.path("jira_url").path("value").asText().equals(mock.url())
                        && configuration.path("data_source").path("value").asText().equals(dataSource),
                "jira_url " + configuration.path("jira_url").path("value") + ", data_source " + configuration.path("data_source").path("value"));
    }

    // ------------------------------------------------------------------ jobs

    Run runJob(FtestEnvironment env, Admin admin, DaemonProcess daemon, String name, String jobType) throws Exception {
        return SyncPhase.run(env, admin, JiraScenario::downloads, daemon, name, jobType);
    }

    /** Attachment contents the mock served, from its stats: Cloud's content endpoint and Server's. */
    private static long downloads(JsonNode stats) {
        long downloads = 0;
        for (var entry : stats.path("by_endpoint").properties()) {
            if (entry.getKey().contains("/attachment/content/") || entry.getKey().contains("/secure/attachment/")) {
                downloads += entry.getValue().asLong();
            }
        }
        return downloads;
    }

    // ------------------------------------------------------------------ changes

    /** What the run changed in the mock, by document id. */
    record Changes(List<Issue> updated, List<Issue> deleted, List<Issue> added, List<AttachmentFile> addedAttachments) {
        List<String> deletedDocuments() {
            List<String> ids = new ArrayList<>();
            for (Issue issue : deleted) {
                ids.add("issue-" + issue.id());
                issue.attachments().forEach(attachment -> ids.add("attachment-" + attachment.id()));
            }
            return ids;
        }

        String describe() {
            return updated.size() + " issues updated (summary + a new comment), " + deleted.size() + " deleted ("
                    + deleted.stream().filter(issue -> !issue.attachments().isEmpty()).count() + " with an attachment), "
                    + added.size() + " added (" + addedAttachments.size() + " with a text attachment)";
        }
    }

    /** Updates, deletes and adds issues through the admin endpoints, spread over the data. */
    private Changes change(Admin admin, JiraData data) throws Exception {
        List<Issue> issues = data.issues();
        int n = issues.size();
        int updates = Math.max(10, n / 100);
        int deletes = Math.max(6, n / 200);
        int adds = Math.max(6, n / 200);
        Set<Long> keep = new HashSet<>();
        keep.add(issues.get(2).id()); // the issue with 45 comments is updated, not deleted
        issues.stream().filter(issue -> issue.attachments().stream().anyMatch(a -> a.kind() == Kind.CORRUPT || a.kind() == Kind.OVERSIZED))
                .forEach(issue -> keep.add(issue.id()));
        List<Issue> deleted = new ArrayList<>();
        deleted.addAll(pick(issues, 12, deletes / 2, keep, issue -> !issue.attachments().isEmpty()));
        deleted.addAll(pick(issues, 13, deletes - deleted.size(), keep, issue -> issue.attachments().isEmpty()));
        deleted.forEach(issue -> keep.add(issue.id()));
        List<Issue> toUpdate = new ArrayList<>();
        toUpdate.add(issues.get(2));
        toUpdate.addAll(pick(issues, 1, updates - 1, keep, issue -> true));

        for (Issue issue : deleted) {
            admin.delete("/_admin/issues/" + issue.key());
        }
        List<Issue> updated = new ArrayList<>();
        for (int i = 0; i < toUpdate.size(); i++) {
            ObjectNode body = JSON.createObjectNode().put("summary", "Renamed utok" + i + " " + toUpdate.get(i).summary())
                    .put("comment", "Follow-up nctok" + i + " written by the ftest runner");
            String key = toUpdate.get(i).key();
            admin.put("/_admin/issues/" + key, body.toString());
            updated.add(data.issue(key).orElseThrow());
        }
        List<Project> projects = data.projects();
        List<Issue> added = new ArrayList<>();
        List<AttachmentFile> addedAttachments = new ArrayList<>();
        for (int i = 0; i < adds; i++) {
            ObjectNode body = JSON.createObjectNode().put("project", projects.get(i % projects.size()).key())
                    .put("summary", "Added ntok" + i + " by the ftest runner").put("attachment", i % 2 == 0);
            body.putArray("labels").add("ftest");
            JsonNode answer = JSON.readTree(admin.post("/_admin/issues", body.toString()));
            Issue issue = data.issue(answer.path("id").asText()).orElseThrow();
            added.add(issue);
            addedAttachments.addAll(issue.attachments());
        }
        log.info("changes: {}", new Changes(updated, deleted, added, addedAttachments).describe());
        return new Changes(updated, deleted, added, addedAttachments);
    }

    /** Up to {@code count} issues matching, from {@code from} on, spread over the list, none of {@code skip}. */
    private static List<Issue> pick(List<Issue> issues, int from, int count, Set<Long> skip, java.util.function.Predicate<Issue> wanted) {
        List<Issue> candidates = issues.subList(Math.min(from, issues.size()), issues.size()).stream()
                .filter(issue -> !skip.contains(issue.id()) && wanted.test(issue)).toList();
        List<Issue> picked = new ArrayList<>();
        if (count <= 0 || candidates.isEmpty()) {
            return picked;
        }
        double stride = Math.max(1.0, (double) candidates.size() / count);
        for (double i = 0; i < candidates.size() && picked.size() < count; i += stride) {
            picked.add(candidates.get((int) i));
        }
        return picked;
    }

    // ------------------------------------------------------------------ expectations

    /** One document the index must hold: its type, change marker (null: not compared) and issue key. */
    public record Expected(String type, @Nullable String timestamp, @Nullable String key) {}

    /** Every document the mock's data makes, by {@code _id}, as documented in docs/jira.md. */
    public static Map<String, Expected> expectedDocuments(JiraData data) {
        Map<String, Expected> expected = new TreeMap<>();
        for (Project project : data.projects()) {
            expected.put("project-" + project.id(), new Expected("project", null, project.key()));
        }
        for (Issue issue : data.issues()) {
            expected.put("issue-" + issue.id(), new Expected("issue", MockJira.time(issue.updated()), issue.key()));
            for (AttachmentFile attachment : issue.attachments()) {
                expected.put("attachment-" + attachment.id(), new Expected("attachment", MockJira.time(attachment.created()), null));
            }
        }
        return expected;
    }

    /** A search that must find exactly {@code expectedId} (or nothing, when null). */
    public record Probe(String category, String field, String text, boolean phrase, @Nullable String expectedId) {}

    private static List<Probe> keyProbes(JiraData data) {
        List<Probe> probes = new ArrayList<>();
        for (Issue issue : data.issues()) {
            probes.add(new Probe("every issue's key (key)", "key", issue.key(), true, "issue-" + issue.id()));
        }
        return probes;
    }

    private static List<Probe> initialProbes(JiraData data, boolean rich) {
        List<Probe> probes = new ArrayList<>();
        for (Project project : data.projects()) {
            probes.add(new Probe("every project's name (name)", "name", project.name(), true, "project-" + project.id()));
        }
        probes.addAll(keyProbes(data));
        List<Issue> issues = data.issues();
        for (Issue issue : issues) {
            probes.add(new Probe("every issue's description token (description)", "description", issue.descriptionToken(), false,
                    "issue-" + issue.id()));
        }
        List<Map.Entry<Issue, Comment>> comments = new ArrayList<>();
        issues.forEach(issue -> issue.comments().forEach(comment -> comments.add(Map.entry(issue, comment))));
        double stride = Math.max(1.0, (double) comments.size() / COMMENT_SAMPLE);
        String category = comments.size() <= COMMENT_SAMPLE ? "every comment's token (comments.text)"
                : "a sample of " + COMMENT_SAMPLE + " comment tokens (comments.text)";
        for (double i = 0; i < comments.size(); i += stride) {
            var entry = comments.get((int) i);
            probes.add(new Probe(category, "comments.text", "ctok" + entry.getValue().id(), false, "issue-" + entry.getKey().id()));
        }
        Issue many = issues.get(2); // 45 comments: more than search embeds, the rest is paged
        probes.add(new Probe("the last of 45 comments (paged beyond search's 20)", "comments.text",
                "ctok" + many.comments().getLast().id(), false, "issue-" + many.id()));
        for (Issue issue : issues) {
            for (AttachmentFile attachment : issue.attachments()) {
                String kind = attachment.kind().name().toLowerCase(Locale.ROOT);
                if (attachment.kind() == Kind.TXT || rich && (attachment.kind() == Kind.PDF || attachment.kind() == Kind.DOCX)) {
                    probes.add(new Probe("every " + kind + " attachment's token (body)", "body", attachment.token(), false,
                            "attachment-" + attachment.id()));
                }
            }
        }
        return probes;
    }

    private static List<Probe> changeProbes(JiraData data, Changes changes, boolean withDeleted) {
        List<Probe> probes = new ArrayList<>();
        for (int i = 0; i < changes.updated().size(); i++) {
            String id = "issue-" + changes.updated().get(i).id();
            probes.add(new Probe("updated issues' new summary (title)", "title", "utok" + i, false, id));
            probes.add(new Probe("updated issues' new comment (comments.text)", "comments.text", "nctok" + i, false, id));
        }
        for (int i = 0; i < changes.added().size(); i++) {
            Issue issue = changes.added().get(i);
            probes.add(new Probe("added issues' summary (title)", "title", "ntok" + i, false, "issue-" + issue.id()));
            probes.add(new Probe("added issues' key (key)", "key", issue.key(), true, "issue-" + issue.id()));
        }
        for (AttachmentFile attachment : changes.addedAttachments()) {
            probes.add(new Probe("added attachments' token (body)", "body", attachment.token(), false, "attachment-" + attachment.id()));
        }
        for (Issue issue : changes.deleted()) {
            probes.add(new Probe(withDeleted ? "deleted issues still indexed (incremental syncs never delete)"
                    : "deleted issues no longer found", "description", issue.descriptionToken(), false,
                    withDeleted ? "issue-" + issue.id() : null));
        }
        return probes;
    }

    // ------------------------------------------------------------------ verification

    /** Compares the index with expectations; every finding becomes a check of the report. */
    public static final class Verifier {
        private final EsRest es;
        private final String index;
        private final FtestReport report;
        private final boolean rich;

        public Verifier(EsRest es, String index, FtestReport report, boolean rich) {
            this.es = es;
            this.index = index;
            this.report = report;
            this.rich = rich;
        }

        /** The index holds exactly the expected documents: ids, types, change markers, keys; counts by type. */
        public void index(String phase, Map<String, Expected> expected) {
            es.refresh(index);
            long count = es.count(index, null);
            Map<String, Long> expectedTypes = expected.values().stream()
                    .collect(Collectors.groupingBy(Expected::type, TreeMap::new, Collectors.counting()));
            report.expectEqual(phase, "documents in the index = " + expectedTypes, expected.size(), count);
            List<JsonNode> hits = es.scan(index, JSON.createObjectNode().set("match_all", JSON.createObjectNode()), "id",
                    List.of("type", "key", "_timestamp"));
            Map<String, Long> actualTypes = new TreeMap<>();
            List<String> unexpected = new ArrayList<>();
            List<String> wrong = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (JsonNode hit : hits) {
                String id = hit.path("_id").asText();
                JsonNode source = hit.path("_source");
                String type = source.path("type").asText("(none)");
                actualTypes.merge(type, 1L, Long::sum);
                seen.add(id);
                Expected want = expected.get(id);
                if (want == null) {
                    unexpected.add(id + " (" + type + ")");
                    continue;
                }
                if (!want.type().equals(type)) {
                    wrong.add(id + ": type " + type + " instead of " + want.type());
                }
                if (want.timestamp() != null && !want.timestamp().equals(source.path("_timestamp").asText(null))) {
                    wrong.add(id + ": _timestamp " + source.path("_timestamp") + " instead of " + want.timestamp());
                }
                if (want.key() != null && !want.key().equals(source.path("key").asText(null))) {
                    wrong.add(id + ": key " + source.path("key") + " instead of " + want.key());
                }
            }
            List<String> missing = expected.keySet().stream().filter(id -> !seen.contains(id)).toList();
            for (String type : new java.util.TreeSet<>(expectedTypes.keySet())) {
                report.expectEqual(phase, type + " documents", expectedTypes.get(type), actualTypes.getOrDefault(type, 0L));
            }
            report.check(phase, "no expected document missing", missing.isEmpty(), findings(missing));
            report.check(phase, "no unexpected document", unexpected.isEmpty(), findings(unexpected));
            report.check(phase, "every document's type, key and _timestamp as in the source", wrong.isEmpty(),
                    wrong.isEmpty() ? "all " + hits.size() + " match" : findings(wrong));
        }

        private static String findings(List<String> found) {
            return found.isEmpty() ? "none" : found.size() + ": " + String.join(", ", found.subList(0, Math.min(10, found.size())))
                    + (found.size() > 10 ? ", ..." : "");
        }

        /** Runs the probes (batched in {@code _msearch}); one check per category. */
        public void searchable(String phase, List<Probe> probes) {
            es.refresh(index);
            Map<String, int[]> tally = new LinkedHashMap<>();
            Map<String, List<String>> failures = new LinkedHashMap<>();
            for (int from = 0; from < probes.size(); from += SEARCHES_PER_REQUEST) {
                List<Probe> batch = probes.subList(from, Math.min(probes.size(), from + SEARCHES_PER_REQUEST));
                List<ObjectNode> searches = new ArrayList<>();
                for (Probe probe : batch) {
                    ObjectNode search = JSON.createObjectNode().put("size", 3).put("_source", false).put("track_total_hits", true);
                    ObjectNode query = search.putObject("query").putObject(probe.phrase() ? "match_phrase" : "match");
                    if (probe.phrase()) {
                        query.put(probe.field(), probe.text());
                    } else {
                        query.putObject(probe.field()).put("query", probe.text()).put("operator", "and");
                    }
                    searches.add(search);
                }
                List<JsonNode> responses = es.msearch(index, searches);
                for (int i = 0; i < batch.size(); i++) {
                    Probe probe = batch.get(i);
                    JsonNode response = responses.get(i);
                    long total = response.path("hits").path("total").path("value").asLong(-1);
                    List<String> ids = new ArrayList<>();
                    response.path("hits").path("hits").forEach(hit -> ids.add(hit.path("_id").asText()));
                    boolean ok = probe.expectedId() == null ? total == 0
                            : total == 1 && ids.equals(List.of(probe.expectedId()));
                    int[] counts = tally.computeIfAbsent(probe.category(), key -> new int[2]);
                    counts[ok ? 0 : 1]++;
                    if (!ok) {
                        failures.computeIfAbsent(probe.category(), key -> new ArrayList<>()).add(probe.text() + " -> "
                                + (response.has("error") ? "error " + response.path("error").path("reason").asText()
                                : total + " hits " + ids) + " (expected " + (probe.expectedId() == null ? "none" : probe.expectedId()) + ")");
                    }
                }
            }
            tally.forEach((category, counts) -> report.check(phase, category, counts[1] == 0,
                    counts[0] + " of " + (counts[0] + counts[1]) + " as expected"
                            + (counts[1] == 0 ? "" : "; " + findings(failures.get(category)))));
        }

        /** The oversized attachment is indexed without body as too_large; the corrupt one is indexed. */
        void specialAttachments(String phase, JiraData data) {
            Map<Kind, AttachmentFile> special = new EnumMap<>(Kind.class);
            data.issues().forEach(issue -> issue.attachments().stream()
                    .filter(a -> a.kind() == Kind.CORRUPT || a.kind() == Kind.OVERSIZED)
                    .forEach(a -> special.put(a.kind(), a)));
            AttachmentFile oversized = special.get(Kind.OVERSIZED);
            if (oversized != null) {
                JsonNode doc = es.get(index, "attachment-" + oversized.id()).orElse(null);
                report.check(phase, "oversized attachment (" + mib(oversized.size() / 1024) + " MiB) indexed, without body, "
                                + "attachment_skipped too_large",
                        doc != null && !doc.has("body") && "too_large".equals(doc.path("attachment_skipped").asText()),
                        doc == null ? "document missing" : "body " + (doc.has("body") ? "present" : "absent")
                                + ", attachment_skipped " + doc.path("attachment_skipped"));
            }
            AttachmentFile corrupt = special.get(Kind.CORRUPT);
            if (corrupt != null) {
                JsonNode doc = es.get(index, "attachment-" + corrupt.id()).orElse(null);
                String state = doc == null ? "document missing" : "body " + (doc.has("body")
                        ? "present (" + doc.path("body").asText().length() + " chars)" : "absent")
                        + ", attachment_skipped " + doc.path("attachment_skipped");
                if (rich) {
                    report.check(phase, "corrupt attachment indexed, without body, with attachment_skipped",
                            doc != null && !doc.has("body") && doc.path("attachment_skipped").isTextual(), state);
                } else {
                    report.check(phase, "corrupt attachment indexed", doc != null, state);
                    if (doc != null && doc.has("body")) {
                        report.note("The corrupt PDF attachment is indexed with its raw bytes as body text: the daemon's "
                                + "plain-text extractor reads every file as UTF-8 (no type check). Expected to change with "
                                + "the Tika extractor; this run then checks body absent and attachment_skipped set.");
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Whether the daemon's class path has a real extractor (Tika) rather than the plain-text one. */
    public static boolean richExtraction() {
        try {
            Class.forName("org.apache.tika.Tika", false, JiraScenario.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    private static String describe(JiraData data) {
        Map<Kind, Integer> kinds = new EnumMap<>(Kind.class);
        data.issues().forEach(issue -> issue.attachments().forEach(a -> kinds.merge(a.kind(), 1, Integer::sum)));
        return data.projects().size() + " projects, " + data.issues().size() + " issues, " + data.commentCount() + " comments, "
                + data.attachmentCount() + " attachments (" + kinds.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                + "; oversized = " + mib(OVERSIZED_BYTES / 1024) + " MiB); " + (data.projects().size() + data.issues().size()
                + data.attachmentCount()) + " documents expected";
    }

    private static String seconds(long startNanos) {
        return FtestReport.fixed((System.nanoTime() - startNanos) / 1e9, 1);
    }

    private static long mib(long kib) {
        return Math.round(kib / 1024.0);
    }

    /** The mock's admin endpoints over HTTP, as an external test driver would use them. */
    public static final class Admin implements AutoCloseable {
        private final String url;
        private final HttpClient http = HttpClient.newHttpClient();

        public Admin(String url) {
            this.url = url;
        }

        public String get(String path) throws IOException, InterruptedException {
            return send("GET", path, null);
        }

        public String post(String path, String body) throws IOException, InterruptedException {
            return send("POST", path, body);
        }

        public String put(String path, String body) throws IOException, InterruptedException {
            return send("PUT", path, body);
        }

        public String delete(String path) throws IOException, InterruptedException {
            return send("DELETE", path, null);
        }

        private String send(String method, String path, @Nullable String body) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() >= 300) {
                throw new FtestFailure("mock admin " + method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        }

        @Override
        public void close() {
            http.close();
        }
    }
}
