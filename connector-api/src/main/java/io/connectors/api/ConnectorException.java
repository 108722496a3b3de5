package io.connectors.api;

/**
 * The root of every error this framework raises on purpose. Unchecked: errors travel as Reactor signals, and the
 * message always says what failed, where (key path, URL path, document id) and what to do, never a secret.
 */
public class ConnectorException extends RuntimeException {
    public ConnectorException(String message) {
        super(message);
    }

    public ConnectorException(String message, Throwable cause) {
        super(message, cause);
    }
}
