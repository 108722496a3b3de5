package io.connectors.api.source;

import io.connectors.api.ConnectorLogger;
import io.connectors.api.http.HttpClientSettings;
import io.connectors.api.http.SourceHttpClient;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * What the runtime lends a {@link DataSource}: who it serves, how to log, what time it is, and an HTTP client. New
 * capabilities arrive as default methods, so a source compiled against an older 1.x API keeps working.
 */
public interface DataSourceContext {

    /** The id of the connector this source serves. */
    String connectorId();

    /** The id of the sync job this instance serves, or null outside a job (a ping, a validation, a dry run). */
    @Nullable String jobId();

    /** A logger whose lines carry the connector and job ids. */
    ConnectorLogger logger();

    /** The clock to read "now" from (tests pass a fixed one). */
    default Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * A new HTTP client for {@code settings}: pooled, retried, TLS-aware (see {@link SourceHttpClient}). The source
     * owns it and closes it in {@link DataSource#close()}.
     */
    SourceHttpClient httpClient(HttpClientSettings settings);

    /**
     * How many attachments the runtime downloads at once for this connector ({@code concurrent_downloads} of
     * config.yml's {@code elasticsearch.bulk}, unless the connector's configuration sets its own). A source that
     * fetches more than attachments in parallel may size its own concurrency from it.
     */
    default int concurrentDownloads() {
        return 10;
    }

    /**
     * Something an operator must see on the job, not only in a log: above all why documents are deleted although
     * nothing failed, e.g. "project NOPE was not found (404); this full sync deletes its documents". The runtime
     * records notices on the sync job ({@code metadata.notices}) and logs them at WARN. A source must never use a
     * notice to turn a failure into "no data": when it cannot tell whether data is gone, it fails the sync.
     */
    default void notice(String message) {
        logger().warn("{}", message);
    }
}
