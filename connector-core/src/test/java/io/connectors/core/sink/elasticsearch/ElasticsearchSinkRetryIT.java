package io.connectors.core.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.api.config.SourceConfiguration;
import io.connectors.api.source.Filtering;
import io.connectors.core.es.ElasticsearchClients;
import io.connectors.core.es.ElasticsearchConnection;
import io.connectors.core.extraction.AttachmentExtractor;
import io.connectors.core.json.Json;
import io.connectors.core.runtime.RuntimeSourceContext;
import io.connectors.core.sync.SyncEngine;
import io.connectors.core.sync.SyncProgress;
import io.connectors.core.sync.SyncReport;
import io.connectors.core.sync.SyncSettings;
import io.connectors.testkit.elasticsearch.ElasticsearchExtension;
import io.connectors.core.testing.FaultInjectingProxy;
import io.connectors.core.testing.InMemorySource;
import io.connectors.testkit.elasticsearch.IndexProbe;
import io.connectors.core.testing.SourceData;
import io.connectors.testkit.elasticsearch.TestElasticsearch;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Throttling (429) and unavailability (503) from Elasticsearch are retried, and the sync still lands exactly. */
@ExtendWith(ElasticsearchExtension.class)
class ElasticsearchSinkRetryIT {

    /** These sources carry no attachments: if the engine ever asks for one, the sync fails loudly. */
    private static final AttachmentExtractor NO_ATTACHMENTS = attachment -> {
        throw new AssertionError("no attachment expected, got " + attachment.filename());
    };

    @Test
    void fullSync_through429And503Answers_completesWithExactCounts(TestElasticsearch es) {
        String index = es.uniqueIndex("retry");
        SourceData data = SourceData.create("retry-" + index).generate("doc", 2_000, 0);
        // every 3rd bulk is throttled, every 7th request of any kind answers 503
        FaultInjectingProxy.FaultRule rule = (method, uri, n) ->
                uri.contains("_bulk") && n % 3 == 0 ? Integer.valueOf(429) : n % 7 == 0 ? Integer.valueOf(503) : null;
        BulkSettings bulk = new BulkSettings(100, 5L << 20, 2, 8, Duration.ofMillis(20));

        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(es.url(), rule);
             IndexProbe probe = new IndexProbe(es.url())) {
            var client = ElasticsearchClients.create(ElasticsearchConnection.of(proxy.url()), Json.mapper());
            try (var source = new InMemorySource(configuration(data), RuntimeSourceContext.of("retry"))) {
                SyncEngine engine = new SyncEngine(new ElasticsearchSink(client, index, bulk, Json.mapper()),
                        NO_ATTACHMENTS, SyncSettings.defaults());

                SyncReport report = engine.fullSync(source, Filtering.NONE, new SyncProgress()).block(Duration.ofMinutes(2));

                assertThat(report.completed()).as(report.summary()).isTrue();
                assertThat(report.created()).isEqualTo(2_000);
                assertThat(report.failed()).isZero();
                assertThat(proxy.faultsInjected()).isGreaterThanOrEqualTo(5);
                assertThat(probe.count(index)).isEqualTo(2_000);
            } finally {
                ElasticsearchClients.close(client);
            }
        }
    }

    @Test
    void fullSync_elasticsearchAlwaysUnavailable_failsClearlyAfterRetries(TestElasticsearch es) {
        String index = es.uniqueIndex("down");
        SourceData data = SourceData.create("down-" + index).generate("doc", 10, 0);
        BulkSettings bulk = new BulkSettings(100, 5L << 20, 2, 2, Duration.ofMillis(10));
        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(es.url(), (method, uri, n) -> 503)) {
            var client = ElasticsearchClients.create(ElasticsearchConnection.of(proxy.url()), Json.mapper());
            try (var source = new InMemorySource(configuration(data), RuntimeSourceContext.of("down"))) {
                SyncEngine engine = new SyncEngine(new ElasticsearchSink(client, index, bulk, Json.mapper()),
                        NO_ATTACHMENTS, SyncSettings.defaults());

                SyncReport report = engine.fullSync(source, Filtering.NONE, new SyncProgress()).block(Duration.ofMinutes(1));

                assertThat(report.completed()).isFalse();
                assertThat(report.error()).contains("Elasticsearch").contains("503");
                assertThat(proxy.requests()).as("tried, then retried").isGreaterThanOrEqualTo(3);
            } finally {
                ElasticsearchClients.close(client);
            }
        }
    }

    private static SourceConfiguration configuration(SourceData data) {
        return InMemorySource.configSchema().resolve(Map.of("store", data.name()));
    }
}
