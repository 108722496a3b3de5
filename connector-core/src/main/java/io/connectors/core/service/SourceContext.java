package io.connectors.core.service;

import io.connectors.core.source.DataSourceContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The context a data source gets from the daemon. */
record SourceContext(String connectorId) implements DataSourceContext {

    @Override
    public Logger logger() {
        return LoggerFactory.getLogger("io.connectors.source." + connectorId);
    }
}
