package io.connectors.core.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One item of {@code connectors}: a connector this service runs.
 *
 * @param connectorId the connector's id in Elasticsearch
 * @param serviceType its source type, a key of {@link ConnectorsConfig#sources()}
 * @param apiKey      API key its documents are written with; null means the {@code elasticsearch} credentials
 * @param sinks       names of {@link ConnectorsConfig#sinks()} its documents go to; {@code [elasticsearch]} unless set
 * @param sinkSettings per sink name, the raw block of that name under the entry (e.g. {@code qbusiness:}); resolved
 *                    against the sink's own schema when it is built
 */
public record ConnectorEntry(String connectorId, String serviceType, @Nullable Secret apiKey, List<String> sinks,
                             Map<String, Map<String, Object>> sinkSettings) {

    public ConnectorEntry {
        Objects.requireNonNull(connectorId, "connectorId");
        Objects.requireNonNull(serviceType, "serviceType");
        sinks = List.copyOf(sinks);
        Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
        sinkSettings.forEach((name, block) -> copy.put(name, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(block))));
        sinkSettings = java.util.Collections.unmodifiableMap(copy);
    }

    public ConnectorEntry(String connectorId, String serviceType, @Nullable Secret apiKey, List<String> sinks) {
        this(connectorId, serviceType, apiKey, sinks, Map.of());
    }

    /** The block of sink {@code name} under this entry, empty when it has none. */
    public Map<String, Object> sinkSettings(String name) {
        return sinkSettings.getOrDefault(name, Map.of());
    }
}
