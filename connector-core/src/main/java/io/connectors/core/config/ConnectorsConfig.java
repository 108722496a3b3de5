package io.connectors.core.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The whole {@code config.yml}, with defaults filled in. Load one with {@link ConfigLoader}.
 *
 * @param elasticsearch     the {@code elasticsearch} section
 * @param service           the {@code service} section
 * @param extractionService the {@code extraction_service} section
 * @param connectors        the {@code connectors} list, in file order
 * @param sources           service_type to source class name: the built-ins, then the file's entries (which may
 *                          override them), in that order
 * @param namedSources      the service types the file names under {@code sources:}; the others of {@code sources}
 *                          are built-in defaults, which {@code connectors sources} lists only when they load
 * @param sinks             sink name to sink class name: the built-ins, then the file's entries
 * @param sourceFile        the file this was loaded from; null for defaults and parsed strings
 * @param ignoredKeys       keys the file sets that have no effect here (accepted for compatibility with Elastic), in
 *                          file order, as concrete paths like {@code service.worker_mode}
 */
public record ConnectorsConfig(
        ElasticsearchConfig elasticsearch,
        ServiceConfig service,
        ExtractionServiceConfig extractionService,
        List<ConnectorEntry> connectors,
        Map<String, String> sources,
        Set<String> namedSources,
        Map<String, String> sinks,
        @Nullable Path sourceFile,
        List<String> ignoredKeys) {

    public ConnectorsConfig {
        Objects.requireNonNull(elasticsearch, "elasticsearch");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(extractionService, "extractionService");
        connectors = List.copyOf(connectors);
        // Map.copyOf would lose the order, which redacted() and the docs show
        sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        namedSources = Set.copyOf(namedSources);
        sinks = Collections.unmodifiableMap(new LinkedHashMap<>(sinks));
        ignoredKeys = List.copyOf(ignoredKeys);
    }

    /** Every source given is named (none is a mere built-in default). */
    public ConnectorsConfig(
            ElasticsearchConfig elasticsearch,
            ServiceConfig service,
            ExtractionServiceConfig extractionService,
            List<ConnectorEntry> connectors,
            Map<String, String> sources,
            @Nullable Path sourceFile) {
        this(elasticsearch, service, extractionService, connectors, sources, sources.keySet(), ConfigKeys.BUILT_IN_SINKS, sourceFile, List.of());
    }

    /**
     * Whether {@code serviceType} comes only from the built-in defaults: the file does not name it under
     * {@code sources:}. Such a source is offered when it loads (its module is installed) and otherwise passed over in
     * silence, while one the file names is reported when it does not load.
     */
    public boolean builtInDefault(String serviceType) {
        return sources.containsKey(serviceType) && !namedSources.contains(serviceType);
    }

    /** Every key at its default: what an empty file gives. */
    public static ConnectorsConfig defaults() {
        return ConfigLoader.DEFAULTS;
    }

    /** {@link ServiceConfig#pluginsDir()} resolved against the config file's directory, when it is relative. */
    public Path pluginsDirectory() {
        Path dir = service.pluginsDir();
        if (dir.isAbsolute() || sourceFile == null) {
            return dir;
        }
        Path parent = sourceFile.toAbsolutePath().getParent();
        return parent == null ? dir : parent.resolve(dir).normalize();
    }

    /** This config as YAML, every secret shown as {@code ********}: safe to log or print. */
    public String redacted() {
        return ConfigReference.redactedYaml(this);
    }

    public ConnectorsConfig withElasticsearch(ElasticsearchConfig value) {
        return new ConnectorsConfig(value, service, extractionService, connectors, sources, namedSources, sinks, sourceFile, ignoredKeys);
    }

    /** The sink names a connector's documents go to: its entry's {@code sinks}, else {@code [elasticsearch]}. */
    public List<String> sinksOf(String connectorId) {
        return connectors.stream().filter(c -> c.connectorId().equals(connectorId)).findFirst()
                .map(ConnectorEntry::sinks).orElse(List.of("elasticsearch"));
    }

    /** The raw block of sink {@code sinkName} under the connector's entry (e.g. {@code qbusiness:}); empty when none. */
    public Map<String, Object> sinkSettingsOf(String connectorId, String sinkName) {
        return connectors.stream().filter(c -> c.connectorId().equals(connectorId)).findFirst()
                .map(entry -> entry.sinkSettings(sinkName)).orElse(Map.of());
    }

    /** Adds (or replaces) a source, as if the file named it; the built-ins and the file's entries keep their order. */
    public ConnectorsConfig withSource(String serviceType, String className) {
        Map<String, String> merged = new LinkedHashMap<>(sources);
        merged.put(serviceType, className);
        Set<String> named = new HashSet<>(namedSources);
        named.add(serviceType);
        return new ConnectorsConfig(elasticsearch, service, extractionService, connectors, merged, named, sinks, sourceFile, ignoredKeys);
    }
}
