package io.connectors.core.cli;

import io.connectors.api.config.ConfigSchema;
import io.connectors.core.config.ConnectorsConfig;
import io.connectors.core.plugin.LoadedSource;
import io.connectors.core.plugin.PluginLoadingException;
import io.connectors.core.plugin.SourceRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The sources of config.yml, each loaded (or not, and why) with its configuration schema. A built-in default the file
 * does not name is listed only when it loads: its module may simply not be installed (a class path without connector-confluence), which is
 * no one's mistake; a source the file names, or the one asked for, is listed with the reason it does not load.
 */
final class SourceCatalog {

    private SourceCatalog() {}

    /**
     * One source of the catalog. {@code configuration} is the schema as a connector's {@code configuration} object
     * with defaults as values, sensitive ones masked; null with {@code error} when the source cannot be loaded.
     */
    record Entry(String serviceType, String className, boolean available, @Nullable String error,
                 @Nullable Map<String, Object> configuration) {}

    /** Every source of {@code config} worth listing (see above), or only {@code only} when given. */
    static List<Entry> describe(SourceRegistry registry, ConnectorsConfig config, @Nullable String only) {
        Map<String, String> classNames = config.sources();
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
                if (only != null || !config.builtInDefault(serviceType)) {
                    entries.add(new Entry(serviceType, className, false, e.getMessage(), null));
                }
            }
        });
        return entries;
    }
}
