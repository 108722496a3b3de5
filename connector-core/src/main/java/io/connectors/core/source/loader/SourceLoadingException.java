package io.connectors.core.source.loader;

import io.connectors.core.ConnectorException;

/** A data source could not be loaded or constructed; the message names the service type and the class. */
public final class SourceLoadingException extends ConnectorException {
    public SourceLoadingException(String message) {
        super(message);
    }

    public SourceLoadingException(String message, Throwable cause) {
        super(message, cause);
    }
}
