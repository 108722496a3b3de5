package io.connectors.core.source;

import org.slf4j.Logger;

/**
 * What the runtime lends a {@link DataSource}: where it runs and how to report. New capabilities arrive as default
 * methods, so a source compiled against an older version keeps working.
 */
public interface DataSourceContext {

    /** The id of the connector this source serves (for log lines and metrics). */
    String connectorId();

    /** A logger whose lines carry the connector and job ids. */
    Logger logger();
}
