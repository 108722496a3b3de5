package io.connectors.core.cli;

import io.connectors.core.source.DataSourceContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The context a data source gets from the CLI: its connector id and a logger named after it. */
record CliSourceContext(String connectorId) implements DataSourceContext {

    @Override
    public Logger logger() {
        return LoggerFactory.getLogger("io.connectors.source." + connectorId);
    }
}
