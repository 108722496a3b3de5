package io.connectors.core.config;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The typed values a file sets, by key path, falling back to the key table's defaults. */
final class Values {

    private final Map<String, Object> byPath;

    Values(Map<String, Object> byPath) {
        this.byPath = byPath;
    }

    /** The value of a key that has a default (or is required and was checked). */
    <T> T get(ConfigKey<T> key) {
        T value = find(key);
        if (value == null) {
            throw new IllegalStateException(key.path() + " has no value and no default");
        }
        return value;
    }

    /** The value of a key, its default when unset; null when it has neither. */
    @SuppressWarnings("unchecked") // stored by the reader from key.type(), so of type T
    <T> @Nullable T find(ConfigKey<T> key) {
        Object value = byPath.get(key.path());
        return value != null ? (T) value : key.defaultValue();
    }
}
