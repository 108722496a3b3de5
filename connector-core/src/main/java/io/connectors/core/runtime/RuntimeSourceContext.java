package io.connectors.core.runtime;

import io.connectors.api.ConnectorLogger;
import io.connectors.api.http.HttpClientSettings;
import io.connectors.api.http.SourceHttpClient;
import io.connectors.api.source.DataSourceContext;
import io.connectors.core.http.NettySourceHttpClient;
import io.connectors.core.runtime.RuntimeSourceContext;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * The one {@link DataSourceContext} of the runtime: the daemon, the CLI and the tests all lend sources this.
 *
 * @param concurrentDownloads the connector's download bound ({@code elasticsearch.bulk.concurrent_downloads})
 */
public record RuntimeSourceContext(String connectorId, @Nullable String jobId, Clock clock, int concurrentDownloads,
                                   List<String> notices)
        implements DataSourceContext {

    /** {@code notices}: collects the source's {@link #notice(String)}s (thread safe; the job records them). */
    public RuntimeSourceContext(String connectorId, @Nullable String jobId, Clock clock, int concurrentDownloads) {
        this(connectorId, jobId, clock, concurrentDownloads, new CopyOnWriteArrayList<>());
    }

    /** A context outside any job, with the system clock and the default download bound. */
    public static RuntimeSourceContext of(String connectorId) {
        return new RuntimeSourceContext(connectorId, null, Clock.systemUTC(), 10);
    }

    public RuntimeSourceContext forJob(String job) {
        return new RuntimeSourceContext(connectorId, job, clock, concurrentDownloads, notices);
    }

    @Override
    public ConnectorLogger logger() {
        return Slf4jConnectorLogger.forSource(connectorId, jobId);
    }

    @Override
    public void notice(String message) {
        logger().warn("{}", message);
        notices.add(message);
    }

    @Override
    public SourceHttpClient httpClient(HttpClientSettings settings) {
        return NettySourceHttpClient.create(settings);
    }
}
