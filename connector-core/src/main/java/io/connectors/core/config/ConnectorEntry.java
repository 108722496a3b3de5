package io.connectors.core.config;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One item of {@code connectors}: a connector this service runs.
 *
 * @param connectorId the connector's id in Elasticsearch
 * @param serviceType its source type, a key of {@link ConnectorsConfig#sources()}
 * @param apiKey      API key its documents are written with; null means the {@code elasticsearch} credentials
 * @param sink        where its documents go; {@code elasticsearch} unless set
 */
public record ConnectorEntry(String connectorId, String serviceType, @Nullable Secret apiKey, String sink) {

    public ConnectorEntry {
        Objects.requireNonNull(connectorId, "connectorId");
        Objects.requireNonNull(serviceType, "serviceType");
        Objects.requireNonNull(sink, "sink");
    }
}
