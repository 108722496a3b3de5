package io.connectors.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.connectors.core.protocol.ControlIndices;
import io.connectors.core.testing.SourceData;
import io.connectors.testkit.elasticsearch.ElasticsearchExtension;
import io.connectors.testkit.elasticsearch.IndexProbe;
import io.connectors.testkit.elasticsearch.TestElasticsearch;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What Kibana's controls do with Elastic's own service, done by this daemon: connector and job documents written as
 * plain JSON the way Kibana writes them (no cursor in job snapshots, rules in drafts, a pipeline set).
 */
@ExtendWith(ElasticsearchExtension.class)
class ElasticParityIT {

    @RegisterExtension
    final DaemonFixture daemons = new DaemonFixture();
    private final TestElasticsearch es = daemons.es();
    private final IndexProbe probe = daemons.probe();
    private final ControlIndices indices = daemons.indices();
    private final ControlPlane kibana = daemons.kibana();

    private List<String> ids(String index) {
        try {
            probe.client().indices().refresh(r -> r.index(index));
            return probe.client().search(s -> s.index(index).size(1000), Map.class).hits().hits().stream()
                    .map(hit -> hit.id()).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A job snapshot as Kibana and {@code POST _connector/_sync_job} write it: no sync_cursor. */
    private static Map<String, Object> withoutCursor() {
        Map<String, Object> changes = new HashMap<>();
        changes.put("sync_cursor", null);
        return changes;
    }

    @Test
    void incrementalJobWithoutCursorInItsSnapshot_startsFromTheConnectorsCursor() {
        SourceData data = SourceData.create("parity-cursor-" + UUID.randomUUID()).generate("doc", 50, 0);
        String index = es.uniqueIndex("parity-cursor");
        kibana.connector("cursor-c", index, data.name(), Map.of());
        daemons.startServingAll("parity", 2);
        Map<String, Object> full = daemons.awaitJobEnd(kibana.pendingJob("cursor-c", "full", withoutCursor()));
        assertThat(full).containsEntry("status", "completed").containsEntry("indexed_document_count", 50);
        await().atMost(Duration.ofSeconds(10)).until(() -> kibana.connectorDoc("cursor-c").get("sync_cursor") != null);

        data.update("doc-1", "2");
        data.put(data.document("doc-new", "1", false));
        String incrementalId = kibana.pendingJob("cursor-c", "incremental", withoutCursor());
        Map<String, Object> incremental = daemons.awaitJobEnd(incrementalId);

        // from nothing, the source would have replayed all 52 changes
        assertThat(incremental).containsEntry("status", "completed").containsEntry("indexed_document_count", 2);
        assertThat(incremental.get("connector")).asString().contains("sync_cursor={version=");
        assertThat(probe.count(index)).isEqualTo(51);
    }

    @Test
    void documentLevelSecurityOnASourceWithout_failsItsJobsClearly_andAccessControlJobsTouchNoIndex() {
        SourceData data = SourceData.create("parity-dls-" + UUID.randomUUID()).generate("doc", 5, 0);
        String index = es.uniqueIndex("parity-dls");
        Map<String, Object> configuration = Map.of(
                "store", Map.of("label", "Store", "type", "str", "value", data.name(), "required", true, "sensitive", false,
                        "display", "text", "order", 1),
                "use_document_level_security", Map.of("label", "Enable document level security", "type", "bool",
                        "value", true, "display", "toggle", "required", true, "sensitive", false, "order", 2));
        kibana.connectorOfType("dls-c", "memory", index, configuration);
        String fullId = kibana.pendingJob("dls-c", "full");
        daemons.startServingAll("parity", 2);

        Map<String, Object> full = daemons.awaitJobEnd(fullId);
        String accessControlId = kibana.pendingJob("dls-c", "access_control");
        Map<String, Object> accessControl = daemons.awaitJobEnd(accessControlId);

        assertThat(full).containsEntry("status", "error");
        assertThat(full.get("error")).asString()
                .contains("use_document_level_security is true").contains("does not provide document-level security")
                .contains("Set use_document_level_security to false");
        assertThat(accessControl).containsEntry("status", "error");
        assertThat(accessControl.get("error")).asString()
                .contains("access_control syncs need document-level security").contains("nothing was written");
        assertThat(probe.exists(index)).isFalse();
        assertThat(probe.exists(".search-acl-filter-" + index)).isFalse();
        assertThat(kibana.connectorDoc("dls-c")).containsEntry("last_access_control_sync_status", "error");
    }

    @Test
    void configuredConnector_getsTheSourcesFeatures_keepingFeaturesTheSourceDoesNotKnow() {
        SourceData data = SourceData.create("parity-features-" + UUID.randomUUID());
        kibana.connector("features-c", es.uniqueIndex("parity-features"), data.name(), Map.of());
        kibana.update(indices.connectors(), "features-c", Map.of("features",
                Map.of("native_connector_api_keys", Map.of("enabled", false))));
        daemons.startServingAll("parity", 2);

        await().atMost(Duration.ofSeconds(30)).until(() -> kibana.connectorDoc("features-c").get("features") instanceof Map<?, ?> f
                && f.containsKey("sync_rules"));

        assertThat(kibana.connectorDoc("features-c").get("features")).isEqualTo(Map.of(
                "sync_rules", Map.of("basic", Map.of("enabled", true), "advanced", Map.of("enabled", false)),
                "document_level_security", Map.of("enabled", false),
                "incremental_sync", Map.of("enabled", true),
                "native_connector_api_keys", Map.of("enabled", false)));
    }

    private static Map<String, Object> rule(String id, int order, String policy, String field, String rule, String value) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        map.put("id", id);
        map.put("policy", policy);
        map.put("field", field);
        map.put("rule", rule);
        map.put("value", value);
        map.put("order", order);
        map.put("created_at", "2026-01-01T00:00:00.000Z");
        map.put("updated_at", "2026-01-01T00:00:00.000Z");
        return map;
    }

    /** Kibana's default rule: include everything, always last. */
    private static Map<String, Object> defaultRule(int order) {
        return rule("DEFAULT", order, "include", "_", "regex", ".*");
    }

    private static Map<String, Object> filteringEntry(List<Map<String, Object>> activeRules, List<Map<String, Object>> draftRules,
                                                      String draftState) {
        Map<String, Object> empty = Map.of("value", Map.of(), "updated_at", "2026-01-01T00:00:00.000Z");
        return Map.of("domain", "DEFAULT",
                "active", Map.of("rules", activeRules, "advanced_snippet", empty,
                        "validation", Map.of("state", "valid", "errors", List.of())),
                "draft", Map.of("rules", draftRules, "advanced_snippet", empty,
                        "validation", Map.of("state", draftState, "errors", List.of())));
    }

    /** The job snapshot's filtering as Kibana writes it: the active rules, flattened. */
    private static Map<String, Object> snapshotFiltering(List<Map<String, Object>> rules) {
        Map<String, Object> changes = withoutCursor();
        changes.put("filtering", List.of(Map.of("domain", "DEFAULT", "rules", rules,
                "advanced_snippet", Map.of("value", Map.of()), "warnings", List.of())));
        return changes;
    }

    @Test
    void basicRules_applyInOrderOnFullAndIncrementalSyncs_andAFullSyncDeletesWhatTheyNowExclude() {
        SourceData data = SourceData.create("parity-rules-" + UUID.randomUUID()).generate("doc", 10, 0);
        String index = es.uniqueIndex("parity-rules");
        kibana.connector("rules-c", index, data.name(), Map.of());
        daemons.startServingAll("parity", 2);
        assertThat(daemons.awaitJobEnd(kibana.pendingJob("rules-c", "full", withoutCursor()))).containsEntry("indexed_document_count", 10);

        data.update("doc-5", "v2");
        // listed out of order: order decides (doc-2 is kept by the include before the exclude), the default rule last
        List<Map<String, Object>> rules = List.of(
                rule("r-exclude-v1", 2, "exclude", "revision", "equals", "v1"),
                rule("r-keep-doc-2", 1, "include", "title", "equals", "Document doc-2"),
                defaultRule(3));
        kibana.update(indices.connectors(), "rules-c", Map.of("filtering", List.of(filteringEntry(rules, rules, "valid"))));
        Map<String, Object> full = daemons.awaitJobEnd(kibana.pendingJob("rules-c", "full", snapshotFiltering(rules)));

        assertThat(full).containsEntry("status", "completed").containsEntry("deleted_document_count", 8);
        assertThat(ids(index)).containsExactlyInAnyOrder("doc-2", "doc-5");

        data.put(data.document("doc-new", "v1", false));
        data.update("doc-7", "v3");
        Map<String, Object> incremental = daemons.awaitJobEnd(kibana.pendingJob("rules-c", "incremental", snapshotFiltering(rules)));

        assertThat(incremental).containsEntry("status", "completed").containsEntry("indexed_document_count", 1);
        assertThat(ids(index)).containsExactlyInAnyOrder("doc-2", "doc-5", "doc-7");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> filteringOf(String connectorId, String state) {
        List<Map<String, Object>> filtering = (List<Map<String, Object>>) kibana.connectorDoc(connectorId).get("filtering");
        return (Map<String, Object>) filtering.get(0).get(state);
    }

    @Test
    void editedValidDraft_isValidatedAndActivated_andTheNextJobAppliesIt() {
        SourceData data = SourceData.create("parity-draft-" + UUID.randomUUID()).generate("doc", 4, 0);
        String index = es.uniqueIndex("parity-draft");
        kibana.connector("draft-c", index, data.name(), Map.of());
        List<Map<String, Object>> draft = List.of(rule("r-drop-doc-0", 0, "exclude", "title", "ends_with", "doc-0"), defaultRule(1));
        kibana.update(indices.connectors(), "draft-c", Map.of("filtering",
                List.of(filteringEntry(List.of(defaultRule(0)), draft, "edited"))));
        daemons.startServingAll("parity", 2);

        await().atMost(Duration.ofSeconds(30)).until(() -> "valid".equals(
                ((Map<?, ?>) filteringOf("draft-c", "draft").get("validation")).get("state")));

        assertThat(filteringOf("draft-c", "draft").get("validation")).isEqualTo(Map.of("state", "valid", "errors", List.of()));
        assertThat(filteringOf("draft-c", "active").get("rules")).isEqualTo(draft);
        Map<String, Object> job = daemons.awaitJobEnd(kibana.pendingJob("draft-c", "full", withoutCursor()));
        assertThat(job).containsEntry("status", "completed").containsEntry("indexed_document_count", 3);
        assertThat(ids(index)).containsExactlyInAnyOrder("doc-1", "doc-2", "doc-3");
    }

    @Test
    @SuppressWarnings("unchecked")
    void editedInvalidDraft_getsItsErrorsPerRule_andStaysInactive() {
        SourceData data = SourceData.create("parity-bad-draft-" + UUID.randomUUID());
        kibana.connector("bad-draft-c", es.uniqueIndex("parity-bad-draft"), data.name(), Map.of());
        List<Map<String, Object>> active = List.of(rule("r-old", 0, "exclude", "title", "equals", "x"), defaultRule(1));
        List<Map<String, Object>> draft = List.of(
                rule("r-like", 0, "include", "title", "like", "x"),
                rule("r-all", 1, "exclude", "title", "regex", ".*"),
                rule("r-one", 2, "exclude", "revision", "equals", "v1"),
                rule("r-two", 3, "include", "revision", "equals", "v1"),
                defaultRule(4));
        Map<String, Object> entry = new java.util.LinkedHashMap<>(filteringEntry(active, draft, "edited"));
        Map<String, Object> draftWithSnippet = new java.util.LinkedHashMap<>((Map<String, Object>) entry.get("draft"));
        draftWithSnippet.put("advanced_snippet", Map.of("value", List.of(Map.of("query", "project = X"))));
        entry.put("draft", draftWithSnippet);
        kibana.update(indices.connectors(), "bad-draft-c", Map.of("filtering", List.of(entry)));
        daemons.startServingAll("parity", 2);

        await().atMost(Duration.ofSeconds(30)).until(() -> "invalid".equals(
                ((Map<?, ?>) filteringOf("bad-draft-c", "draft").get("validation")).get("state")));

        Map<?, ?> validation = (Map<?, ?>) filteringOf("bad-draft-c", "draft").get("validation");
        List<Object> ids = ((List<?>) validation.get("errors")).stream().map(error -> ((Map<?, ?>) error).get("ids")).map(Object.class::cast).toList();
        assertThat(ids).containsExactly(List.of("r-like"), List.of("r-all"), List.of("r-two", "r-one"), List.of("advanced_snippet"));
        assertThat(validation.get("errors")).asString()
                .contains("rule 'like' is unknown").contains("matches everything")
                .contains("semantically equal").contains("does not support advanced sync rules");
        assertThat(filteringOf("bad-draft-c", "active").get("rules")).isEqualTo(active);
    }

    @Test
    void jobWhoseActiveRulesAreInvalid_failsWithTheErrors_beforeWritingAnything() {
        SourceData data = SourceData.create("parity-bad-job-" + UUID.randomUUID()).generate("doc", 3, 0);
        String index = es.uniqueIndex("parity-bad-job");
        kibana.connector("bad-job-c", index, data.name(), Map.of());
        String jobId = kibana.pendingJob("bad-job-c", "full",
                snapshotFiltering(List.of(rule("r-like", 0, "include", "title", "like", "x"), defaultRule(1))));
        daemons.startServingAll("parity", 2);

        Map<String, Object> job = daemons.awaitJobEnd(jobId);

        assertThat(job).containsEntry("status", "error");
        assertThat(job.get("error")).asString().startsWith("Filtering in state invalid, errors: r-like: rule 'like' is unknown");
        assertThat(probe.exists(index)).isFalse();
    }

    private String http(String method, String path, String body) {
        try {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(es.url() + path))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                            : java.net.http.HttpRequest.BodyPublishers.ofString(body))
                    .build();
            try (var client = java.net.http.HttpClient.newHttpClient()) {
                return client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Bytes that entered {@code pipeline} first, summed over the nodes (GET _nodes/stats/ingest). */
    private long ingestedBytes(String pipeline) {
        try {
            var stats = io.connectors.core.json.Json.mapper().readTree(http("GET", "/_nodes/stats/ingest", null));
            long bytes = 0;
            for (var node : stats.path("nodes")) {
                bytes += node.path("ingest").path("pipelines").path(pipeline).path("ingested_as_first_pipeline_in_bytes").asLong(0);
            }
            return bytes;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void setPipeline(String connectorId, String name, boolean extractBinaryContent) {
        Map<String, Object> pipeline = new java.util.LinkedHashMap<>();
        pipeline.put("name", name);
        pipeline.put("extract_binary_content", extractBinaryContent);
        pipeline.put("reduce_whitespace", true);
        pipeline.put("run_ml_inference", false);
        kibana.update(indices.connectors(), connectorId, Map.of("pipeline", pipeline));
    }

    @Test
    void connectorsPipeline_runsOnEveryBulkWrite_withElasticsDocumentFlags_andExtractBinaryContentFalseDownloadsNothing() {
        // this node's build has no ingest-common processors: an empty pipeline, seen running through the ingest stats
        String pipelineName = "parity-pipeline-" + UUID.randomUUID();
        assertThat(http("PUT", "/_ingest/pipeline/" + pipelineName, "{\"processors\": []}")).contains("acknowledged");
        try {
            SourceData data = SourceData.create("parity-pipeline-" + UUID.randomUUID()).generate("doc", 6, 2);
            String index = es.uniqueIndex("parity-pipeline");
            kibana.connector("pipeline-c", index, data.name(), Map.of());
            setPipeline("pipeline-c", pipelineName, false);
            String jobId = kibana.pendingJob("pipeline-c", "full", Map.of("pipeline", kibana.connectorDoc("pipeline-c").get("pipeline")));
            daemons.startServingAll("parity", 2);

            Map<String, Object> job = daemons.awaitJobEnd(jobId);

            assertThat(job).containsEntry("status", "completed").containsEntry("indexed_document_count", 6);
            assertThat(ingestedBytes(pipelineName)).isGreaterThan(0);
            var attachmentDoc = probe.document(index, "doc-0").orElseThrow();
            assertThat(attachmentDoc.path("_extract_binary_content").asBoolean(true)).isFalse();
            assertThat(attachmentDoc.path("_reduce_whitespace").asBoolean(false)).isTrue();
            assertThat(attachmentDoc.path("_run_ml_inference").asBoolean(true)).isFalse();
            assertThat(attachmentDoc.path("attachment_skipped").asText()).isEqualTo("extraction_disabled");
            assertThat(attachmentDoc.has("body")).isFalse();
            assertThat(data.downloads()).isZero();
        } finally {
            http("DELETE", "/_ingest/pipeline/" + pipelineName, null);
        }
    }

    @Test
    void connectorsPipelineMissing_failsTheJobClearly_beforeWritingAnything() {
        SourceData data = SourceData.create("parity-no-pipeline-" + UUID.randomUUID()).generate("doc", 3, 0);
        String index = es.uniqueIndex("parity-no-pipeline");
        String missing = "parity-missing-" + UUID.randomUUID();
        kibana.connector("no-pipeline-c", index, data.name(), Map.of());
        setPipeline("no-pipeline-c", missing, true);
        String jobId = kibana.pendingJob("no-pipeline-c", "full", Map.of("pipeline", kibana.connectorDoc("no-pipeline-c").get("pipeline")));
        daemons.startServingAll("parity", 2);

        Map<String, Object> job = daemons.awaitJobEnd(jobId);

        assertThat(job).containsEntry("status", "error");
        assertThat(job.get("error")).asString().contains("ingest pipeline '" + missing + "'").contains("does not exist")
                .contains("PUT _ingest/pipeline/" + missing);
        assertThat(probe.exists(index)).isFalse();
    }

    @Test
    void elasticsDefaultPipelineAbsentFromAMinimalCluster_isSaidOnTheJob_andTheSyncCompletes() {
        org.junit.jupiter.api.Assumptions.assumeTrue(http("GET", "/_ingest/pipeline/search-default-ingestion", null).equals("{}"),
                "this cluster has Elastic's default pipeline");
        SourceData data = SourceData.create("parity-default-pipeline-" + UUID.randomUUID()).generate("doc", 3, 0);
        String index = es.uniqueIndex("parity-default-pipeline");
        kibana.connector("default-pipeline-c", index, data.name(), Map.of());
        setPipeline("default-pipeline-c", "search-default-ingestion", true);
        String jobId = kibana.pendingJob("default-pipeline-c", "full",
                Map.of("pipeline", kibana.connectorDoc("default-pipeline-c").get("pipeline")));
        daemons.startServingAll("parity", 2);

        Map<String, Object> job = daemons.awaitJobEnd(jobId);

        assertThat(job).containsEntry("status", "completed").containsEntry("indexed_document_count", 3);
        assertThat(job.get("metadata")).asString().contains("ingest pipeline search-default-ingestion (Elastic's default) does not exist");
        assertThat(probe.document(index, "doc-0").orElseThrow().has("_extract_binary_content")).isFalse();
    }
}
