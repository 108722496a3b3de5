package io.connectors.core.sync;

import io.connectors.api.ConnectorException;

/** A sync stopped on purpose: too many item failures. */
public final class SyncFailedException extends ConnectorException {
    public SyncFailedException(String message) {
        super(message);
    }
}
