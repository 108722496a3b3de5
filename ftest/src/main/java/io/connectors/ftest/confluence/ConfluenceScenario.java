package io.connectors.ftest.confluence;

import static io.connectors.ftest.Kibana.field;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectors.ftest.AtlassianFlavor;
import io.connectors.ftest.DaemonProcess;
import io.connectors.ftest.FtestEnvironment;
import io.connectors.ftest.FtestOptions;
import io.connectors.ftest.FtestReport;
import io.connectors.ftest.Kibana;
import io.connectors.ftest.Scenario;
import io.connectors.ftest.SyncPhase.Run;
import io.connectors.ftest.SyncPhase;
import io.connectors.ftest.confluence.ConfluenceData.Attached;
import io.connectors.ftest.confluence.ConfluenceData.Content;
import io.connectors.ftest.confluence.ConfluenceData.Space;
import io.connectors.ftest.confluence.ConfluenceData.Status;
import io.connectors.ftest.confluence.MockConfluence.Flavor;
import io.connectors.ftest.jira.Faults;
import io.connectors.ftest.jira.JiraData.Kind;
import io.connectors.ftest.jira.JiraScenario.Admin;
import io.connectors.ftest.jira.JiraScenario.Expected;
import io.connectors.ftest.jira.JiraScenario.Probe;
import io.connectors.ftest.jira.JiraScenario.Verifier;
import io.connectors.ftest.jira.JiraScenario;
import io.connectors.ftest.qbusiness.MockQBusiness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code make ftest NAME=confluence}: the mock Confluence ({@link MockConfluence}), the daemon as a separate process,
 * and the Confluence connector driven through the protocol only, with the checks of the Jira ftest: a full sync
 * (index exactly equal to the mock: every id, type and {@code _timestamp}; every page, code-macro and comment token
 * searchable; no storage-format markup, CDATA or entity indexed; archived, trashed and restricted content absent;
 * attachments extracted, the oversized one skipped before download, the corrupt one indexed), changes through the
 * admin endpoints, an incremental sync (exactly the changed documents written, nothing deleted), and a full sync
 * (the deleted pages with their comments and attachments gone, nothing rewritten).
 *
 * <p>{@code SINK=qbusiness} or {@code both}: the mock Q Business beside (or instead of) Elasticsearch; after each phase
 * it must hold exactly the expected ids, with the Confluence attributes ({@code confluence_space}, ...), and the
 * last full sync must delete exactly the deleted pages' documents there.
 */
public final class ConfluenceScenario implements Scenario {

    private static final Logger log = LoggerFactory.getLogger(ConfluenceScenario.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Over the 10 MiB {@code max_file_download_size}: declared in {@code extensions.fileSize}, never downloaded. */
    static final int OVERSIZED_BYTES = 11 << 20;

    private final FtestOptions options;
    private final Flavor mockFlavor;
    private final String dataSource;

    public ConfluenceScenario(FtestOptions options) {
        this.options = options;
        AtlassianFlavor flavor = AtlassianFlavor.of("confluence", options.flavor());
        this.mockFlavor = flavor.cloud() ? Flavor.CLOUD : Flavor.SERVER;
        this.dataSource = flavor.dataSource();
    }

    @Override
    public void run(FtestEnvironment env) throws Exception {
        FtestReport report = env.report();
        Faults faults = options.faults() ? Faults.standard() : Faults.NONE;
        MockConfluence.Options mockOptions = MockConfluence.Options.of(mockFlavor, options.size().issues())
                .withSpaces(options.size().projects()).withSeed(options.seed()).withOversizedBytes(OVERSIZED_BYTES).withFaults(faults);
        try (MockConfluence mock = MockConfluence.start(mockOptions); Admin admin = new Admin(mock.url());
             MockQBusiness qbusiness = options.toQBusiness() ? MockQBusiness.start("ftest-app", "ftest-index", "ftest-ds") : null) {
            ConfluenceData data = mock.data();
            report.fact("mock Confluence", mockFlavor.name().toLowerCase(Locale.ROOT) + " flavour at " + mock.url()
                    + ", data_source " + dataSource + ", seed " + options.seed());
            report.fact("mock data", describe(data));
            report.fact("faults", options.faults() ? "429 with Retry-After " + faults.retryAfterSeconds() + " s every "
                    + faults.rateLimitEvery() + "th request, " + faults.errorBurstLength() + " x 500 every "
                    + faults.errorBurstEvery() + " requests; connector retry_count " + retryCount() : "none");
            boolean rich = JiraScenario.richExtraction();
            Kibana kibana = env.kibana();
            String connectorId = options.connectorId();
            String index = options.indexName();
            kibana.removeConnector(connectorId, index);

            String qbusinessBlock = "";
            if (qbusiness != null) {
                env.es().deleteIndex("connectors-qbusiness-state-" + connectorId.toLowerCase(Locale.ROOT));
                qbusinessBlock = JiraScenario.qbusinessYaml(qbusiness, options.toElasticsearch() ? "[elasticsearch, qbusiness]" : "[qbusiness]");
                report.fact("mock Q Business", qbusiness.url() + " (SigV4 verified; sinks " + options.sink() + ")");
            }
            DaemonProcess daemon = env.startDaemon(configYaml(env.es().url(), connectorId, options.daemonLogLevel()) + qbusinessBlock);
            report.fact("daemon", daemon.commandLine() + " (pid " + daemon.pid() + ", log " + daemon.log() + ")");
            kibana.awaitControlIndices(Duration.ofSeconds(90), daemon);
            kibana.createConnector(connectorId, connectorDocument(mock));
            JsonNode connector = kibana.awaitConnectorStatus(connectorId, "connected", Duration.ofSeconds(90), daemon);
            JsonNode configuration = connector.path("configuration");
            List<String> keys = List.of("data_source", "username", "password", "data_center_auth_method", "data_center_username",
                    "data_center_password", "data_center_personal_access_token", "account_email", "api_token", "confluence_url",
                    "spaces", "index_labels", "ssl_enabled", "ssl_ca", "retry_count", "concurrent_downloads",
                    "use_document_level_security", "use_text_extraction_service");
            List<String> missing = keys.stream().filter(key -> !configuration.path(key).isObject()).toList();
            report.check("connect", "the daemon wrote Elastic's " + keys.size() + " Confluence configuration keys", missing.isEmpty(),
                    missing.isEmpty() ? "all present" : "missing " + missing);

            Verifier verifier = new Verifier(env.es(), index, report, rich);

            // ---- 1. full sync
            Map<String, Expected> expected = expectedDocuments(mock);
            Run full = runJob(env, admin, daemon, "1. full", "full");
            String phase = full.name();
            report.expectEqual(phase, "job indexed_document_count = spaces + pages + blog posts + comments + attachments",
                    expected.size(), full.indexed());
            report.expectEqual(phase, "job deleted_document_count", 0, full.deleted());
            if (options.toElasticsearch()) {
                verifier.index(phase, expected);
                verifier.searchable(phase, initialProbes(data, rich));
                specialAttachments(env, report, index, data, phase, rich);
            }
            JiraScenario.qbusinessHolds(report, phase, qbusiness, expected.keySet());
            qbusinessAttributes(report, phase, qbusiness, data);
            JiraScenario.qbusinessOriginals(report, phase, qbusiness, indexedAttachments(data), rich,
                    attachment -> "attachment-att" + attachment.id(), "mock Confluence");
            JsonNode cursor = kibana.connector(connectorId).path("sync_cursor");
            report.check(phase, "connector sync_cursor written", cursor.path("confluence_modified_since").isTextual(), cursor.toString());
            if (!options.faults()) {
                report.expectEqual(phase, "attachments downloaded once each (except the oversized one)",
                        expected.keySet().stream().filter(id -> id.startsWith("attachment-")).count() - 1, full.downloads());
            }

            // ---- changes
            Changes changes = change(admin, data);
            report.fact("changes", changes.describe());

            // ---- 2. incremental
            Map<String, Expected> afterChanges = expectedDocuments(mock);
            Map<String, Expected> withDeleted = new TreeMap<>(afterChanges);
            changes.deletedDocuments().forEach(id -> withDeleted.put(id, expected.get(id)));
            if (qbusiness != null) {
                report.expectEqual(phase, "mock Q Business: requests with a refused SigV4 signature", 0L, qbusiness.stat("signature_refused"));
                qbusiness.resetStats();
            }
            Run incremental = runJob(env, admin, daemon, "2. incremental", "incremental");
            phase = incremental.name();
            if (qbusiness != null) {
                report.expectEqual(phase, "mock Q Business: documents put = the changed documents only", changes.written(),
                        qbusiness.stat("documents_put"));
                report.expectEqual(phase, "mock Q Business: requests with a refused SigV4 signature", 0L, qbusiness.stat("signature_refused"));
                qbusiness.resetStats();
            }
            report.expectEqual(phase, "job indexed_document_count = updated pages + new comments + added pages + added attachments",
                    changes.written(), incremental.indexed());
            report.expectEqual(phase, "job deleted_document_count (incremental syncs never delete)", 0, incremental.deleted());
            if (options.toElasticsearch()) {
                verifier.index(phase, withDeleted);
                verifier.searchable(phase, changeProbes(changes, true));
            }
            JiraScenario.qbusinessHolds(report, phase, qbusiness, withDeleted.keySet());
            if (!options.faults()) {
                report.expectEqual(phase, "attachments downloaded: only the added ones", changes.addedAttachments(), incremental.downloads());
            }

            // ---- 3. full: deletions
            Run last = runJob(env, admin, daemon, "3. full", "full");
            phase = last.name();
            report.expectEqual(phase, "job indexed_document_count (nothing changed since the incremental sync)", 0, last.indexed());
            report.expectEqual(phase, "job deleted_document_count = deleted pages + their comments and attachments",
                    changes.deletedDocuments().size(), last.deleted());
            if (options.toElasticsearch()) {
                verifier.index(phase, afterChanges);
                verifier.searchable(phase, changeProbes(changes, false));
            }
            JiraScenario.qbusinessHolds(report, phase, qbusiness, afterChanges.keySet());
            if (qbusiness != null) {
                report.expectEqual(phase, "mock Q Business: documents put (nothing changed)", 0L, qbusiness.stat("documents_put"));
                report.expectEqual(phase, "mock Q Business: documents deleted = deleted pages + their comments and attachments",
                        (long) changes.deletedDocuments().size(), qbusiness.stat("documents_deleted"));
                report.expectEqual("run", "mock Q Business: requests with a refused SigV4 signature", 0L,
                        qbusiness.stat("signature_refused"));
                report.fact("mock Q Business stats", qbusiness.stats().toString());
            }
            if (!options.faults()) {
                report.expectEqual(phase, "attachments downloaded (all unchanged)", 0, last.downloads());
            }

            Map<String, Object> stats = mock.stats();
            report.expectEqual("run", "mock: requests without valid credentials", 0, stats.get("unauthorized"));
            if (mockFlavor == Flavor.CLOUD) {
                report.expectEqual("run", "mock: media host requests carrying Authorization (must not leak)", 0,
                        stats.get("media_requests_with_authorization"));
            }
            List<String> notices = daemon.logLines("refused its attachments");
            report.check("run", "the restricted page's 403 reported as a notice, the syncs completed", !notices.isEmpty(),
                    notices.size() + " notice lines");
            long peak = daemon.peakRssKiB();
            int exit = env.stopDaemon(daemon);
            report.expectEqual("run", "daemon exit status after SIGTERM", 0, exit);
            report.fact("daemon peak RSS", Math.round(peak / 1024.0) + " MiB (VmHWM)");
            List<String> errors = daemon.logLines(" ERROR ");
            report.check("run", "no ERROR line in the daemon's log", errors.isEmpty(),
                    errors.isEmpty() ? "none" : errors.size() + ", first: " + errors.getFirst());
        }
    }

    /**
     * That every current page, blog post and comment in the mock Q Business carries its space and the Confluence
     * attributes docs/qbusiness.md lists, and that comments name their page.
     */
    private static void qbusinessAttributes(FtestReport report, String phase, @org.jspecify.annotations.Nullable MockQBusiness qbusiness, ConfluenceData data) {
        if (qbusiness == null) {
            return;
        }
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Content item : data.content()) {
            if (item.status() != Status.CURRENT) {
                continue;
            }
            String id = item.type() + "-" + item.id();
            MockQBusiness.StoredDocument doc = qbusiness.document(id).orElse(null);
            if (doc == null) {
                continue; // reported by the ids check
            }
            checked++;
            String space = doc.attributes().containsKey("confluence_space") ? doc.attributes().get("confluence_space").path("stringValue").asText() : null;
            String category = doc.attributes().containsKey("_category") ? doc.attributes().get("_category").path("stringValue").asText() : null;
            boolean labelsRight = item.labels().isEmpty() ? !doc.attributes().containsKey("confluence_labels")
                    : doc.attributes().containsKey("confluence_labels")
                      && doc.attributes().get("confluence_labels").path("stringListValue").size() == Math.min(item.labels().size(), 50);
            boolean containerRight = item.containerId() == null || doc.attributes().containsKey("confluence_container")
                    && doc.attributes().get("confluence_container").path("stringValue").asText().endsWith("-" + item.containerId());
            if (!item.spaceKey().equals(space) || !item.type().equals(category) || !labelsRight || !containerRight
                    || !doc.attributes().containsKey("confluence_version") || !doc.attributes().containsKey("_last_updated_at")
                    || doc.attributes().keySet().stream().anyMatch(name -> name.startsWith("jira_"))) {
                wrong.add(id + " " + doc.attributes().keySet());
            }
        }
        report.check(phase, "mock Q Business: pages, blog posts and comments carry confluence_space, _category, "
                + "confluence_labels, confluence_container, confluence_version, _last_updated_at", wrong.isEmpty() && checked > 0,
                wrong.isEmpty() ? checked + " documents" : wrong.size() + " wrong, e.g. " + wrong.getFirst());
    }

    private int retryCount() {
        return options.faults() ? 5 : 3;
    }

    static String configYaml(String elasticsearchUrl, String connectorId, String logLevel) {
        return """
                # written by the ftest runner
                elasticsearch:
                  host: %s
                  bulk:
                    retry_interval: 1
                service:
                  idling: 1
                  log_level: %s
                connectors:
                  - connector_id: %s
                    service_type: confluence
                """.formatted(elasticsearchUrl, logLevel, connectorId);
    }

    /** The connector as Kibana writes it for a connector client, with Elastic's Confluence keys. */
    Map<String, Object> connectorDocument(MockConfluence mock) {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("data_source", field("Confluence data source", 1, "str", "dropdown", dataSource, false));
        switch (dataSource) {
            case "confluence_cloud" -> {
                configuration.put("account_email", field("Confluence Cloud email address", 8, "str", "text", mock.options().user(), false));
                configuration.put("api_token", field("Confluence Cloud API token", 9, "str", "text", mock.options().secret(), true));
            }
            case "confluence_server" -> {
                configuration.put("username", field("Confluence Server username", 2, "str", "text", mock.options().user(), false));
                configuration.put("password", field("Confluence Server password", 3, "str", "text", mock.options().secret(), true));
            }
            default -> {
                configuration.put("data_center_auth_method", field("Confluence Data Center authentication method", 4,
                        "str", "dropdown", "personal_access_token", false));
                configuration.put("data_center_personal_access_token", field("Confluence Data Center personal access token",
                        7, "str", "text", mock.options().personalAccessToken(), true));
            }
        }
        configuration.put("confluence_url", field("Confluence URL", 10, "str", "text", mock.url(), false));
        configuration.put("spaces", field("Confluence space keys", 11, "list", "textarea", "*", false));
        configuration.put("index_labels", field("Enable indexing labels", 12, "bool", "toggle", true, false));
        configuration.put("retry_count", field("Retries per request", 15, "int", "numeric", retryCount(), false));
        configuration.put("concurrent_downloads", field("Maximum concurrent downloads", 16, "int", "numeric", 50, false));
        return Kibana.clientConnector("confluence", "ftest confluence " + options.flavor(), "ftest: " + options.label(),
                options.indexName(), configuration);
    }

    // ------------------------------------------------------------------ jobs

    private Run runJob(FtestEnvironment env, Admin admin, DaemonProcess daemon, String name, String jobType) throws Exception {
        return SyncPhase.run(env, admin, stats -> stats.path("downloads").asLong(), daemon, name, jobType);
    }

    // ------------------------------------------------------------------ changes

    /** What the run changed, by document id. */
    record Changes(List<String> updated, List<String> newComments, List<String> added, List<Attached> addedFiles,
                   List<String> deletedDocuments, List<String> deletedTokens) {
        long written() {
            return updated.size() + newComments.size() + added.size() + addedFiles.size();
        }

        long addedAttachments() {
            return addedFiles.size();
        }

        String describe() {
            return updated.size() + " pages updated (title, a paragraph, a new comment), " + (deletedTokens.size())
                    + " deleted (" + deletedDocuments.size() + " documents with their comments and attachments), "
                    + added.size() + " added (" + addedFiles.size() + " with a text attachment)";
        }
    }

    private Changes change(Admin admin, ConfluenceData data) throws Exception {
        List<Content> pages = data.content().stream()
                .filter(item -> item.status() == Status.CURRENT && !item.type().equals("comment") && !item.restricted())
                .filter(item -> data.attachments(item.id()).stream().noneMatch(a -> a.file().kind() == Kind.CORRUPT || a.file().kind() == Kind.OVERSIZED))
                .toList();
        int n = pages.size();
        int updates = Math.max(6, n / 100);
        int deletes = Math.max(4, n / 200);
        int adds = Math.max(4, n / 200);
        List<String> updated = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        List<String> deletedDocuments = new ArrayList<>();
        List<String> deletedTokens = new ArrayList<>();
        Set<Long> used = new java.util.HashSet<>();
        // deletions: pages with attachments first, and with comments
        List<Content> toDelete = new ArrayList<>();
        pages.stream().filter(page -> !data.attachments(page.id()).isEmpty()).limit(deletes / 2).forEach(toDelete::add);
        pages.stream().filter(page -> !toDelete.contains(page)).skip(n / 2).limit(deletes - toDelete.size()).forEach(toDelete::add);
        for (Content page : toDelete) {
            deletedDocuments.add(page.type() + "-" + page.id());
            deletedTokens.add(page.token());
            data.content().stream().filter(item -> item.containerId() != null && item.containerId() == page.id())
                    .forEach(comment -> deletedDocuments.add("comment-" + comment.id()));
            data.attachments(page.id()).forEach(a -> deletedDocuments.add("attachment-att" + a.file().id()));
            admin.delete("/_admin/pages/" + page.id());
            used.add(page.id());
        }
        List<Content> toUpdate = pages.stream().filter(page -> !used.contains(page.id())).skip(1)
                .filter(page -> page.id() % 3 == 0).limit(updates).toList();
        for (int i = 0; i < toUpdate.size(); i++) {
            Content page = toUpdate.get(i);
            ObjectNode body = JSON.createObjectNode().put("title", "Renamed utok" + i + " " + page.title())
                    .put("paragraph", "Edited etok" + i + " &amp; more").put("comment", true);
            JsonNode answer = JSON.readTree(admin.put("/_admin/pages/" + page.id(), body.toString()));
            updated.add(page.type() + "-" + page.id());
            comments.add("comment-" + answer.path("comment").asText());
        }
        List<String> added = new ArrayList<>();
        List<Attached> files = new ArrayList<>();
        List<Space> spaces = data.spaces().stream().filter(space -> !space.archived()).toList();
        for (int i = 0; i < adds; i++) {
            ObjectNode body = JSON.createObjectNode().put("space", spaces.get(i % spaces.size()).key())
                    .put("title", "Added ntok" + i + " by the ftest runner").put("attachment", i % 2 == 0);
            JsonNode answer = JSON.readTree(admin.post("/_admin/pages", body.toString()));
            long id = answer.path("id").asLong();
            added.add("page-" + id);
            files.addAll(data.attachments(id));
        }
        return new Changes(updated, comments, added, files, deletedDocuments, deletedTokens);
    }

    // ------------------------------------------------------------------ expectations

    /** Every document the mock's data makes, by {@code _id}, as docs/confluence.md describes them. */
    /** The attachments a sync indexes: those of current, unrestricted pages and blog posts. */
    private static List<io.connectors.ftest.jira.JiraData.AttachmentFile> indexedAttachments(ConfluenceData data) {
        List<io.connectors.ftest.jira.JiraData.AttachmentFile> files = new ArrayList<>();
        for (Content item : data.content()) {
            if (item.status() == Status.CURRENT && !item.restricted()) {
                data.attachments(item.id()).forEach(attached -> files.add(attached.file()));
            }
        }
        return files;
    }

    static Map<String, Expected> expectedDocuments(MockConfluence mock) {
        ConfluenceData data = mock.data();
        Map<String, Expected> expected = new TreeMap<>();
        for (Space space : data.spaces()) {
            if (!space.archived()) {
                expected.put("space-" + space.key(), new Expected("space", null, space.key()));
            }
        }
        for (Content item : data.content()) {
            if (item.status() != Status.CURRENT) {
                continue;
            }
            expected.put(item.type() + "-" + item.id(), new Expected(item.type(), mock.timestamp(item.modified()), null));
            if (!item.restricted()) {
                for (Attached attached : data.attachments(item.id())) {
                    expected.put("attachment-att" + attached.file().id(),
                            new Expected("attachment", mock.timestamp(attached.file().created()), null));
                }
            }
        }
        return expected;
    }

    private static List<Probe> initialProbes(ConfluenceData data, boolean rich) {
        List<Probe> probes = new ArrayList<>();
        for (Content item : data.content()) {
            String id = item.type() + "-" + item.id();
            boolean live = item.status() == Status.CURRENT;
            if (item.type().equals("comment")) {
                probes.add(new Probe("every comment's token (body)", "body", item.token(), false, id));
                continue;
            }
            if (!live) {
                probes.add(new Probe(item.status().name().toLowerCase(Locale.ROOT) + " content not indexed", "body", item.token(), false, null));
                continue;
            }
            probes.add(new Probe("every page's and blog post's paragraph token (body)", "body", item.token(), false, id));
            probes.add(new Probe("every code macro's CDATA token (body)", "body", item.codeToken(), false, id));
            probes.add(new Probe("every table cell (body)", "body", "row" + item.id(), false, id));
            for (Attached attached : data.attachments(item.id())) {
                Kind kind = attached.file().kind();
                String attachmentId = "attachment-att" + attached.file().id();
                if (item.restricted()) {
                    probes.add(new Probe("the restricted page's attachment not indexed", "body", attached.file().token(), false, null));
                } else if (kind == Kind.TXT || rich && (kind == Kind.PDF || kind == Kind.DOCX)) {
                    probes.add(new Probe("every " + kind.name().toLowerCase(Locale.ROOT) + " attachment's token (body)", "body",
                            attached.file().token(), false, attachmentId));
                }
            }
        }
        for (String raw : List.of("cdata", "amp", "nbsp", "eacute", "ndash", "lt", "ac:structured", "ac:parameter", "ri:page",
                "plain-text-body", "structured-macro")) {
            probes.add(new Probe("no storage-format markup, CDATA or entity indexed", "body", raw, true, null));
        }
        return probes;
    }

    private static List<Probe> changeProbes(Changes changes, boolean withDeleted) {
        List<Probe> probes = new ArrayList<>();
        for (int i = 0; i < changes.updated().size(); i++) {
            probes.add(new Probe("updated pages' new title (title)", "title", "utok" + i, false, changes.updated().get(i)));
            probes.add(new Probe("updated pages' new paragraph (body)", "body", "etok" + i, false, changes.updated().get(i)));
        }
        for (int i = 0; i < changes.added().size(); i++) {
            probes.add(new Probe("added pages' title (title)", "title", "ntok" + i, false, changes.added().get(i)));
        }
        for (Attached attached : changes.addedFiles()) {
            probes.add(new Probe("added attachments' token (body)", "body", attached.file().token(), false,
                    "attachment-att" + attached.file().id()));
        }
        for (int i = 0; i < changes.deletedTokens().size(); i++) {
            String token = changes.deletedTokens().get(i);
            String id = changes.deletedDocuments().stream().filter(doc -> doc.endsWith("-" + token.substring(4))).findFirst().orElse(null);
            probes.add(new Probe(withDeleted ? "deleted pages still indexed (incremental syncs never delete)" : "deleted pages no longer found",
                    "body", token, false, withDeleted ? id : null));
        }
        return probes;
    }

    private static void specialAttachments(FtestEnvironment env, FtestReport report, String index, ConfluenceData data, String phase,
                                           boolean rich) {
        for (Attached attached : data.allAttachments()) {
            Kind kind = attached.file().kind();
            if (kind != Kind.OVERSIZED && kind != Kind.CORRUPT) {
                continue;
            }
            JsonNode doc = env.es().get(index, "attachment-att" + attached.file().id()).orElse(null);
            String state = doc == null ? "document missing" : "body " + (doc.has("body") ? "present" : "absent")
                    + ", attachment_skipped " + doc.path("attachment_skipped");
            if (kind == Kind.OVERSIZED) {
                report.check(phase, "oversized attachment (declared in extensions.fileSize) indexed without body, too_large",
                        doc != null && !doc.has("body") && "too_large".equals(doc.path("attachment_skipped").asText()), state);
            } else {
                report.check(phase, "corrupt attachment indexed" + (rich ? ", without body, with attachment_skipped" : ""),
                        doc != null && (!rich || !doc.has("body") && doc.path("attachment_skipped").isTextual()), state);
            }
        }
    }

    private static String describe(ConfluenceData data) {
        Map<String, Long> types = data.content().stream().collect(Collectors.groupingBy(
                item -> item.type() + (item.status() == Status.CURRENT ? "" : " (" + item.status().name().toLowerCase(Locale.ROOT) + ")"),
                TreeMap::new, Collectors.counting()));
        return data.spaces().size() + " spaces (one archived), " + types + ", " + data.allAttachments().size()
                + " attachments (one corrupt, one oversized of " + (OVERSIZED_BYTES >> 20) + " MiB, one on a restricted page)";
    }
}
