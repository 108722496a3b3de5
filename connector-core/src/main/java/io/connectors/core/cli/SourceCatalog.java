package io.connectors.core.cli;

import io.connectors.api.config.ConfigSchema;
import io.connectors.core.plugin.LoadedSource;
import io.connectors.core.plugin.PluginLoadingException;
import io.connectors.core.plugin.SourceRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The sources config.yml names, each loaded (or not, and why) with its configuration schema. */
final class SourceCatalog {

    private SourceCatalog() {}

    /**
     * One source of the catalog. {@code configuration} is the schema as a connector's {@code configuration} object
     * with defaults as values, sensitive ones masked; null with {@code error} when the source cannot be loaded.
     */
    record Entry(String serviceType, String className, boolean available, @Nullable String error,
                 @Nullable Map<String, Object> configuration) {}

    /** Every source of {@code classNames} (service type -> class), or only {@code only} when given. */
    static List<Entry> describe(SourceRegistry registry, Map<String, String> classNames, @Nullable String only) {
        if (only != null && !classNames.containsKey(only)) {
            throw new CliException("no source '" + only + "' in config.yml sources: (known: " + String.join(", ", classNames.keySet()) + ")");
        }
        List<Entry> entries = new ArrayList<>();
        classNames.forEach((serviceType, className) -> {
            if (only != null && !only.equals(serviceType)) {
                return;
            }
            try {
                LoadedSource loaded = registry.get(serviceType);
                ConfigSchema schema = loaded.schema();
                entries.add(new Entry(serviceType, loaded.type().getName(), true, null,
                        schema.masked(schema.toConnectorDocument(Map.of()))));
            } catch (PluginLoadingException e) {
                entries.add(new Entry(serviceType, className, false, e.getMessage(), null));
            }
        });
        return entries;
    }
}
