package io.connectors.core.sync;

import io.connectors.core.ConnectorException;

/** A sync stopped on purpose: too many item failures. */
public final class SyncFailedException extends ConnectorException {
    public SyncFailedException(String message) {
        super(message);
    }
}
