package io.connectors.api.config;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The resolved configuration of a data source: the values of its {@link ConfigSchema}, parsed,
 * defaulted and validated by {@link ConfigSchema#resolve}, which is the only way to get one.
 *
 * <p>Values have the Java representation of their field's {@link FieldType}. Getters are strict,
 * to catch a source's typos early: asking for a key the schema does not declare, or with the
 * getter of another type (e.g. {@link #getInt} on a str field), throws
 * {@link IllegalArgumentException} naming the key. A declared field without value (optional and
 * without default) has nothing to get: {@link #getString}, {@link #getInt} and {@link #getBool}
 * then throw {@link NoSuchElementException}; check {@link #has} or use
 * {@link #getOptionalString}. {@link #getList} returns an empty list instead.
 *
 * <p>Fields whose dependencies do not hold keep the value or default they resolved to; a source
 * decides what they mean. Immutable and thread-safe; {@link #toString()} masks sensitive values,
 * so it is safe to log, while {@link #asMap()} holds them in clear for the source to use.
 */
public final class SourceConfiguration {

    private final ConfigSchema schema;
    private final Map<String, Object> values;
    private final Set<String> unknownKeys;

    SourceConfiguration(ConfigSchema schema, Map<String, Object> values, Set<String> unknownKeys) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.values = Objects.requireNonNull(values, "values");
        this.unknownKeys = Objects.requireNonNull(unknownKeys, "unknownKeys");
    }

    /** The schema these values were resolved against. */
    public ConfigSchema schema() {
        return schema;
    }

    /**
     * The value of a str field.
     *
     * @throws IllegalArgumentException if {@code key} is undeclared or not a str field
     * @throws NoSuchElementException if the field has no value
     */
    public String getString(String key) {
        return (String) required(key, FieldType.STR);
    }

    /**
     * The value of a str field, or null when it has none.
     *
     * @throws IllegalArgumentException if {@code key} is undeclared or not a str field
     */
    public @Nullable String getOptionalString(String key) {
        declared(key, FieldType.STR);
        return (String) values.get(key);
    }

    /**
     * The value of an int field.
     *
     * @throws IllegalArgumentException if {@code key} is undeclared or not an int field
     * @throws NoSuchElementException if the field has no value
     */
    public int getInt(String key) {
        return (Integer) required(key, FieldType.INT);
    }

    /**
     * The value of a bool field (bool fields default to false unless declared otherwise).
     *
     * @throws IllegalArgumentException if {@code key} is undeclared or not a bool field
     * @throws NoSuchElementException if the field has no value
     */
    public boolean getBool(String key) {
        return (Boolean) required(key, FieldType.BOOL);
    }

    /**
     * The trimmed, non-empty entries of a list field; empty when it has none. Immutable.
     *
     * @throws IllegalArgumentException if {@code key} is undeclared or not a list field
     */
    @SuppressWarnings("unchecked") // list fields only ever resolve to List<String>
    public List<String> getList(String key) {
        declared(key, FieldType.LIST);
        return (List<String>) values.getOrDefault(key, List.of());
    }

    /**
     * Whether the field has a value, set or default.
     *
     * @throws IllegalArgumentException if {@code key} is undeclared
     */
    public boolean has(String key) {
        declared(key, null);
        return values.containsKey(key);
    }

    /**
     * Every declared field that has a value, key to value, in schema order. Unmodifiable; holds
     * sensitive values in clear, so print {@code toString()} or {@link ConfigSchema#masked} instead.
     */
    public Map<String, Object> asMap() {
        return values;
    }

    /**
     * The keys of the raw values that the schema does not declare, in their original order:
     * leftovers of older versions of a source, or typos, worth a warning. Unmodifiable.
     */
    public Set<String> unknownKeys() {
        return unknownKeys;
    }

    /** The values with sensitive ones masked, and the unknown keys (names only). */
    @Override
    public String toString() {
        return "SourceConfiguration" + schema.masked(values) + (unknownKeys.isEmpty() ? "" : " unknownKeys=" + unknownKeys);
    }

    private Object required(String key, FieldType type) {
        declared(key, type);
        Object value = values.get(key);
        if (value == null) {
            throw new NoSuchElementException("Configuration field '" + key + "' has no value");
        }
        return value;
    }

    private void declared(String key, @Nullable FieldType expected) {
        ConfigField field = schema.field(key)
                .orElseThrow(() -> new IllegalArgumentException("Configuration key '" + key + "' is not declared"));
        if (expected != null && field.type() != expected) {
            throw new IllegalArgumentException("Configuration key '" + key + "' is a " + field.type().wireName()
                    + " field, not " + expected.wireName());
        }
    }
}
