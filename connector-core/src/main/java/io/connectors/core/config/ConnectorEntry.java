package io.connectors.core.config;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One item of {@code connectors}: a connector this service runs.
 *
 * @param connectorId the connector's id in Elasticsearch
 * @param serviceType its source type, a key of {@link ConnectorsConfig#sources()}
 * @param apiKey      API key its documents are written with; null means the {@code elasticsearch} credentials
 * @param sinks       names of {@link ConnectorsConfig#sinks()} its documents go to; {@code [elasticsearch]} unless set
 */
public record ConnectorEntry(String connectorId, String serviceType, @Nullable Secret apiKey, List<String> sinks) {

    public ConnectorEntry {
        Objects.requireNonNull(connectorId, "connectorId");
        Objects.requireNonNull(serviceType, "serviceType");
        sinks = List.copyOf(sinks);
    }
}
