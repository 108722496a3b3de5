package io.connectors.core.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.indices.IndexSettings;
import io.connectors.api.sink.SyncKind;
import io.connectors.api.source.Filtering;
import io.connectors.core.es.ElasticsearchClients;
import io.connectors.core.es.ElasticsearchConnection;
import io.connectors.core.extraction.ExtractionSettings;
import io.connectors.core.extraction.TikaExtractor;
import io.connectors.core.json.Json;
import io.connectors.core.runtime.RuntimeSourceContext;
import io.connectors.core.sync.SyncEngine;
import io.connectors.core.sync.SyncProgress;
import io.connectors.core.sync.SyncSettings;
import io.connectors.testkit.elasticsearch.ElasticsearchExtension;
import io.connectors.core.testing.FaultInjectingProxy;
import io.connectors.core.testing.InMemorySource;
import io.connectors.testkit.elasticsearch.IndexProbe;
import io.connectors.core.testing.SourceData;
import io.connectors.testkit.elasticsearch.TestElasticsearch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.Disposable;

/**
 * A full sync runs its index without periodic refresh (and without replica when it created the index), and puts the
 * previous settings back however it ends: completed, failed, canceled, or with a refresh that fails.
 */
@ExtendWith(ElasticsearchExtension.class)
class ElasticsearchSinkBulkLoadIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(1);
    private static final BulkSettings BULK = BulkSettings.defaults().withRetryInterval(Duration.ofMillis(10));

    private static TestElasticsearch es;
    private static IndexProbe probe;

    @BeforeAll
    static void connect(TestElasticsearch elasticsearch) {
        es = elasticsearch;
        probe = new IndexProbe(es.url());
    }

    @AfterAll
    static void disconnect() {
        probe.close();
    }

    private static ElasticsearchSink sink(String index) {
        return new ElasticsearchSink(probe.asyncClient(), index, BULK, Json.mapper());
    }

    /** {@code refresh_interval} and {@code number_of_replicas} as set on the index; null when unset. */
    private static @Nullable String setting(String index, String name) {
        try {
            IndexSettings settings = probe.client().indices().getSettings(g -> g.index(index)).get(index).settings();
            IndexSettings own = settings.index() != null ? settings.index() : settings;
            return switch (name) {
                case "refresh_interval" -> own.refreshInterval() == null ? null : own.refreshInterval().time();
                case "number_of_replicas" -> own.numberOfReplicas();
                default -> throw new IllegalArgumentException(name);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void putSettings(String index, String refreshInterval, String replicas) {
        try {
            probe.client().indices().create(c -> c.index(index));
            probe.client().indices().putSettings(p -> p.index(index)
                    .settings(s -> s.refreshInterval(t -> t.time(refreshInterval)).numberOfReplicas(replicas)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void beginFull_onANewIndex_turnsRefreshAndReplicasOff_andCommitPutsTheDefaultsBack() {
        String index = es.uniqueIndex("bulkload-new");
        ElasticsearchSink sink = sink(index);

        sink.begin(SyncKind.FULL).block(TIMEOUT);

        assertThat(setting(index, "refresh_interval")).isEqualTo("-1");
        assertThat(setting(index, "number_of_replicas")).isEqualTo("0");

        sink.commit(true).block(TIMEOUT);

        assertThat(setting(index, "refresh_interval")).as("unset again: search-idle refresh stays on").isNull();
        assertThat(setting(index, "number_of_replicas")).isEqualTo("1");
    }

    @Test
    void beginFull_onAnExistingIndex_keepsItsReplicas_andCommitAfterAFailurePutsItsRefreshIntervalBack() {
        String index = es.uniqueIndex("bulkload-existing");
        putSettings(index, "5s", "1");
        ElasticsearchSink sink = sink(index);

        sink.begin(SyncKind.FULL).block(TIMEOUT);

        assertThat(setting(index, "refresh_interval")).isEqualTo("-1");
        assertThat(setting(index, "number_of_replicas")).as("replicas of an existing index are never dropped").isEqualTo("1");

        sink.commit(false).block(TIMEOUT);

        assertThat(setting(index, "refresh_interval")).isEqualTo("5s");
    }

    /** An index with one searchable document and {@code refreshInterval}. */
    private static String filledIndex(String name, String refreshInterval) throws IOException {
        String index = es.uniqueIndex(name);
        putSettings(index, refreshInterval, "1");
        probe.client().index(i -> i.index(index).id("a").document(Map.of("title", "already here")).refresh(Refresh.True));
        return index;
    }

    /** A sync of {@code kind} leaves the refresh interval of {@code index} at {@code expected} from begin to commit. */
    private static void assertSyncKeepsRefreshInterval(String index, SyncKind kind, String expected) {
        ElasticsearchSink sink = sink(index);
        sink.begin(kind).block(TIMEOUT);
        assertThat(setting(index, "refresh_interval")).isEqualTo(expected);
        sink.commit(true).block(TIMEOUT);
        assertThat(setting(index, "refresh_interval")).isEqualTo(expected);
    }

    @Test
    void beginFull_onAnIndexThatHoldsDocuments_leavesItsRefreshAlone_soUpdatesStaySearchable() throws IOException {
        assertSyncKeepsRefreshInterval(filledIndex("bulkload-filled", "5s"), SyncKind.FULL, "5s");
    }

    @Test
    void beginFull_onAFilledIndexAKilledSyncLeftWithoutRefresh_unsetsItAtOnce() throws IOException {
        String index = filledIndex("bulkload-filled-leftover", "1s");
        probe.client().indices().putSettings(p -> p.index(index).settings(st -> st.refreshInterval(t -> t.time("-1"))));

        sink(index).begin(SyncKind.FULL).block(TIMEOUT);

        assertThat(setting(index, "refresh_interval")).as("searchable again before the sync even writes").isNull();
    }

    @Test
    void beginIncremental_leavesTheSettingsAlone() {
        String index = es.uniqueIndex("bulkload-incremental");
        putSettings(index, "5s", "1");
        assertSyncKeepsRefreshInterval(index, SyncKind.INCREMENTAL, "5s");
    }

    @Test
    void beginFull_withBulkLoadSettingsOff_leavesTheSettingsAlone() {
        String index = es.uniqueIndex("bulkload-off");
        ElasticsearchSink sink = new ElasticsearchSink(probe.asyncClient(), index, BULK.withBulkLoadSettings(false), Json.mapper());

        sink.begin(SyncKind.FULL).block(TIMEOUT);

        assertThat(setting(index, "refresh_interval")).isNull();
        sink.commit(true).block(TIMEOUT);
    }

    @Test
    void beginFull_onAnIndexAKilledSyncLeftWithoutRefresh_restoresItToUnset() {
        String index = es.uniqueIndex("bulkload-leftover");
        putSettings(index, "-1", "1");
        ElasticsearchSink sink = sink(index);

        sink.begin(SyncKind.FULL).block(TIMEOUT);
        sink.commit(true).block(TIMEOUT);

        assertThat(setting(index, "refresh_interval")).isNull();
    }

    @Test
    void commit_whenTheRefreshFails_stillRestoresTheSettings_andReportsTheRefresh() {
        String index = es.uniqueIndex("bulkload-refresh-fails");
        putSettings(index, "7s", "1");
        FaultInjectingProxy.FaultRule refreshFails = (method, uri, n) -> uri.contains("_refresh") ? Integer.valueOf(503) : null;
        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(es.url(), refreshFails)) {
            var client = ElasticsearchClients.create(ElasticsearchConnection.of(proxy.url()), Json.mapper());
            try {
                ElasticsearchSink sink = new ElasticsearchSink(client, index,
                        new BulkSettings(100, 1 << 20, 1, 1, Duration.ofMillis(10)), Json.mapper());
                sink.begin(SyncKind.FULL).block(TIMEOUT);
                assertThat(setting(index, "refresh_interval")).isEqualTo("-1");

                assertThatThrownBy(() -> sink.commit(true).block(TIMEOUT)).hasMessageContaining("refresh " + index);

                assertThat(setting(index, "refresh_interval")).isEqualTo("7s");
            } finally {
                ElasticsearchClients.close(client);
            }
        }
    }

    @Test
    void canceledFullSync_putsTheSettingsBack() {
        String index = es.uniqueIndex("bulkload-cancel");
        SourceData data = SourceData.create("bulkload-cancel-" + index).generate("doc", 400, 0)
                .delayPerDocument(Duration.ofMillis(20));
        try (var source = new InMemorySource(InMemorySource.configSchema().resolve(Map.of("store", data.name())),
                RuntimeSourceContext.of("bulkload-cancel"))) {
            SyncEngine engine = new SyncEngine(new ElasticsearchSink(probe.asyncClient(), index, BULK.withChunkSize(10),
                    Json.mapper()), TikaExtractor.create(ExtractionSettings.defaults()), SyncSettings.defaults());
            SyncProgress progress = new SyncProgress();
            Disposable sync = engine.fullSync(source, Filtering.NONE, progress).subscribe();
            await().atMost(TIMEOUT).until(() -> progress.indexed() >= 20);
            assertThat(setting(index, "refresh_interval")).isEqualTo("-1");

            sync.dispose(); // as a canceled job or a stopping daemon does

            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(setting(index, "refresh_interval")).isNull());
            assertThat(setting(index, "number_of_replicas")).isEqualTo("1");
            assertThat(probe.count(index)).as("what was written is visible").isGreaterThanOrEqualTo(20);
        }
    }
}
