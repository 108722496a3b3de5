package io.connectors.core;

/** Root of the framework's own unchecked exceptions, so callers can tell them from bugs and library failures. */
public class ConnectorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConnectorException(String message) {
        super(message);
    }

    public ConnectorException(String message, Throwable cause) {
        super(message, cause);
    }
}
