package io.connectors.core.testing;

import io.connectors.core.source.DataSourceContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link DataSourceContext} for tests that construct sources directly. */
public record TestContext(String connectorId) implements DataSourceContext {

    @Override
    public Logger logger() {
        return LoggerFactory.getLogger("source." + connectorId);
    }
}
