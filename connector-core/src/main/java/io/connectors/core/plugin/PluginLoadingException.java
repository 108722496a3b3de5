package io.connectors.core.plugin;

import io.connectors.api.ConnectorException;

/**
 * A source or sink could not be loaded or constructed, or a class it needs could not be loaded while it ran; the
 * message names the service type, the class and the plugin.
 */
public final class PluginLoadingException extends ConnectorException {
    public PluginLoadingException(String message) {
        super(message);
    }

    public PluginLoadingException(String message, Throwable cause) {
        super(message, cause);
    }
}
