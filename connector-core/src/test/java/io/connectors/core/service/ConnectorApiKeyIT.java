package io.connectors.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.core.testing.FaultInjectingProxy;
import io.connectors.core.testing.InMemorySource;
import io.connectors.core.testing.SourceData;
import io.connectors.testkit.elasticsearch.ElasticsearchExtension;
import io.connectors.testkit.elasticsearch.TestElasticsearch;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code connectors[].api_key}: a connector's content is written with its own API key, the control indices with the
 * service's (issue 12, point 6). The integ-test node runs without security (no {@code _security} API), so it cannot
 * check keys itself: a loopback proxy in front of the real node records each request's {@code Authorization} and, for
 * requests with the connector's key to any index but the one the key is meant for, answers as a secured
 * Elasticsearch does (403 {@code security_exception}); everything else is forwarded to the node.
 */
@ExtendWith(ElasticsearchExtension.class)
class ConnectorApiKeyIT {

    private static final String SERVICE_AUTH = "ApiKey service-key-for-tests";
    private static final String CONNECTOR_AUTH = "ApiKey connector-key-for-tests";

    @RegisterExtension
    final DaemonFixture daemons = new DaemonFixture();
    private final TestElasticsearch es = daemons.es();
    private final ControlPlane kibana = daemons.kibana();
    private final String allowedIndex = es.uniqueIndex("keyed");
    // the connector's key may act on allowedIndex only, as a key created with index privileges on it alone; paths
    // that name no index (/_search and /_pit of a point in time opened on it) are judged by that index, so pass
    private final FaultInjectingProxy proxy = daemons.closeAfterTheDaemons(FaultInjectingProxy.startWithHeaderRule(es.url(),
            (method, uri, headers, n) -> CONNECTOR_AUTH.equals(headers.get("Authorization")) && !uri.startsWith("/_")
                    && !uri.startsWith("/" + allowedIndex) ? Integer.valueOf(403) : null));

    /** A daemon whose connector {@code connectorId} writes with its own key, through the proxy. */
    private void startDaemon(String connectorId) {
        daemons.start("""
                elasticsearch:
                  host: %s
                  api_key: service-key-for-tests
                  headers:
                    X-Opaque-Id: parity-config-test
                  bulk:
                    retry_interval: 1
                connectors:
                  - connector_id: %s
                    service_type: memory
                    api_key: connector-key-for-tests
                sources:
                  memory: %s
                """.formatted(proxy.url(), connectorId, InMemorySource.class.getName()), settings -> settings);
    }

    @Test
    void sync_connectorWithItsOwnApiKey_writesContentWithItAndControlIndicesWithTheServiceKey() {
        SourceData data = SourceData.create("keyed-" + UUID.randomUUID()).generate("doc", 120, 0);
        String connectorId = "keyed-" + UUID.randomUUID().toString().substring(0, 8);
        kibana.connector(connectorId, allowedIndex, data.name(), Map.of());
        String jobId = kibana.pendingJob(connectorId, "full");
        startDaemon(connectorId);

        Map<String, Object> job = daemons.awaitJobEnd(jobId);

        assertThat(job).containsEntry("status", "completed").containsEntry("indexed_document_count", 120);
        assertThat(daemons.probe().count(allowedIndex)).isEqualTo(120);
        List<FaultInjectingProxy.Seen> seen = proxy.seen();
        assertThat(seen).filteredOn(request -> request.uri().startsWith("/" + allowedIndex))
                .isNotEmpty()
                .allSatisfy(request -> assertThat(request.headers().get("Authorization")).as(request.uri()).isEqualTo(CONNECTOR_AUTH));
        assertThat(seen).filteredOn(request -> request.uri().contains(daemons.indices().jobs()) || request.uri().contains(daemons.indices().connectors()))
                .isNotEmpty()
                .allSatisfy(request -> assertThat(request.headers().get("Authorization")).as(request.uri()).isEqualTo(SERVICE_AUTH));
        // elasticsearch.headers go with every request, whichever key it carries
        assertThat(seen).allSatisfy(request -> assertThat(request.headers().get("X-Opaque-Id")).isEqualTo("parity-config-test"));
    }

    @Test
    void sync_connectorKeyRefusedOnItsIndex_failsTheJobNamingTheIndexAndTheKey() {
        SourceData data = SourceData.create("refused-" + UUID.randomUUID()).generate("doc", 10, 0);
        String connectorId = "refused-" + UUID.randomUUID().toString().substring(0, 8);
        String otherIndex = es.uniqueIndex("not-keyed");
        kibana.connector(connectorId, otherIndex, data.name(), Map.of());
        String jobId = kibana.pendingJob(connectorId, "full");
        startDaemon(connectorId);

        Map<String, Object> job = daemons.awaitJobEnd(jobId);

        assertThat(job).containsEntry("status", "error");
        assertThat(String.valueOf(job.get("error"))).contains("HTTP 403")
                .contains("may not write to index " + otherIndex).contains("connectors[].api_key")
                .doesNotContain("connector-key-for-tests");
        assertThat(daemons.probe().exists(otherIndex)).as("nothing written with the refused key").isFalse();
    }
}
