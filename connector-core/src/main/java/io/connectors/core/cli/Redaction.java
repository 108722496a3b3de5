package io.connectors.core.cli;

import io.connectors.api.config.ConfigSchema;
import io.connectors.core.plugin.PluginLoadingException;
import io.connectors.core.plugin.SourceRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Makes control-index documents fit for printing: the {@code configuration} values of sensitive fields (by the
 * source's schema, or by the entry's own {@code sensitive} flag when the source cannot be loaded) become
 * {@code ********}. The only way the CLI prints a connector or a job.
 */
final class Redaction {

    private static final ConfigSchema NO_SCHEMA = ConfigSchema.of();

    private Redaction() {}

    /** The schema of {@code serviceType}, or an empty one (entry flags only) when it cannot be loaded. */
    static ConfigSchema schemaOf(SourceRegistry sources, @Nullable String serviceType) {
        if (serviceType == null || !sources.has(serviceType)) {
            return NO_SCHEMA;
        }
        try {
            return sources.get(serviceType).schema();
        } catch (PluginLoadingException e) {
            return NO_SCHEMA;
        }
    }

    /** A connector document with its id first and its configuration masked. */
    static Map<String, Object> connector(String id, Map<String, Object> source, ConfigSchema schema) {
        Map<String, Object> printable = new LinkedHashMap<>();
        printable.put("id", id);
        source.forEach((key, value) -> printable.put(key, "configuration".equals(key) ? configuration(value, schema) : value));
        return printable;
    }

    /** A sync job document with its id first and its connector snapshot's configuration masked. */
    static Map<String, Object> job(String id, Map<String, Object> source, ConfigSchema schema) {
        Map<String, Object> printable = new LinkedHashMap<>();
        printable.put("id", id);
        source.forEach((key, value) -> printable.put(key, "connector".equals(key) && value instanceof Map<?, ?> snapshot
                ? connector(snapshot, schema) : value));
        return printable;
    }

    @SuppressWarnings("unchecked")
    private static Object configuration(@Nullable Object configuration, ConfigSchema schema) {
        return configuration instanceof Map<?, ?> map ? schema.masked((Map<String, ?>) map) : configuration;
    }

    private static Map<String, Object> connector(Map<?, ?> snapshot, ConfigSchema schema) {
        Map<String, Object> printable = new LinkedHashMap<>();
        snapshot.forEach((key, value) -> printable.put(String.valueOf(key),
                "configuration".equals(key) ? configuration(value, schema) : value));
        return printable;
    }
}
