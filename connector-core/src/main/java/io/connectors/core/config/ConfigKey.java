package io.connectors.core.config;

import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One row of the key table ({@link ConfigKeys}).
 *
 * @param path         dotted path, like {@code elasticsearch.bulk.chunk_size}; list items use {@code connectors[].name}
 * @param type         how the value is read, checked and rendered
 * @param defaultValue the value when the file does not set the key; null for "none"
 * @param required     whether the file must set it (only list items have required keys)
 * @param effective    false for Elastic's keys accepted for compatibility that have no effect here
 * @param example      shown, commented out, in the generated config.yml for a key without a default
 * @param description  one line for the generated config.yml and docs
 * @param read         where the built config holds the value; null for keys not carried (no effect, list items)
 */
record ConfigKey<T>(
        String path,
        ValueType<T> type,
        @Nullable T defaultValue,
        boolean required,
        boolean effective,
        @Nullable String example,
        String description,
        @Nullable Function<ConnectorsConfig, ? extends @Nullable T> read) {

    /** The last segment: the name written in the file inside the key's section. */
    String name() {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /** The section path: {@code elasticsearch.bulk} for {@code elasticsearch.bulk.chunk_size}, empty at the root. */
    String parent() {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }

    boolean secret() {
        return type.secret();
    }

    /** The default as YAML, or null when there is none. */
    @Nullable String renderedDefault() {
        return defaultValue == null ? null : type.render(defaultValue);
    }

    /** The value {@code config} holds for this key, as YAML; null when unset. */
    @Nullable String renderedValue(ConnectorsConfig config) {
        if (read == null) {
            throw new IllegalStateException(path + " is not carried by ConnectorsConfig");
        }
        T value = read.apply(config);
        return value == null ? null : type.render(value);
    }
}
