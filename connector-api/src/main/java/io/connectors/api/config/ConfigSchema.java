package io.connectors.api.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The declared configuration of a data source: one definition that parses and validates the
 * values a user set, writes the {@code configuration} object of Elastic's connector document, and
 * renders its own reference documentation (in the manner of Kafka Connect's {@code ConfigDef}).
 *
 * <p>A source builds its schema once, typically as a constant, from {@link ConfigField}s:
 * <pre>{@code
 * static final ConfigSchema SCHEMA = ConfigSchema.of(
 *     ConfigField.string("data_source").label("Jira data source")
 *         .options(Option.of("jira_cloud"), Option.of("jira_server")).defaultValue("jira_cloud").build(),
 *     ConfigField.string("jira_url").label("Jira host url").build(),
 *     ConfigField.string("api_token").label("API token").sensitive().dependsOn("data_source", "jira_cloud").build());
 *
 * SourceConfiguration config = SCHEMA.resolve(SCHEMA.fromConnectorDocument(connectorDoc.configuration()));
 * }</pre>
 *
 * <h2>Resolution rules</h2>
 * <ul>
 *   <li>Values are read leniently, the way Elastic and Kibana store them (see {@link FieldType}):
 *       {@code "10"} for an int, {@code "true"} for a bool, comma-separated text or a JSON array
 *       for a list. A raw value may also be a whole entry of a connector document, of which the
 *       {@code value} is taken.
 *   <li>Null, blank text and an empty list mean "not set": the field takes its default.
 *   <li>A field applies when all its {@link ConfigField#dependsOn() dependencies} hold. A field that
 *       does not apply is neither required nor validated; its value is still resolved (or its
 *       default, when its value does not parse).
 *   <li>Every applying field is checked, and every problem reported, not just the first.
 *   <li>Keys the schema does not declare are ignored, since Elastic keeps stale keys in connector
 *       documents, but remembered in {@link SourceConfiguration#unknownKeys()}.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe. Methods taking a map read it once and keep no
 * reference to it; maps they return are unmodifiable and ordered like {@link #fields()}.
 */
public final class ConfigSchema {

    private static final String MASK = "********";

    private final List<ConfigField> fields;
    private final Map<String, ConfigField> byKey;

    private ConfigSchema(List<ConfigField> fields) {
        this.fields = fields;
        Map<String, ConfigField> index = new LinkedHashMap<>();
        for (ConfigField field : fields) {
            index.put(field.key(), field);
        }
        this.byKey = Collections.unmodifiableMap(index);
    }

    /** A schema of {@code fields}; see {@link #of(List)}. */
    public static ConfigSchema of(ConfigField... fields) {
        return of(List.of(fields));
    }

    /**
     * A schema of {@code fields}. A field whose {@link ConfigField#order() order} is 0 is numbered
     * by its 1-based declaration position; fields are then kept sorted by order, ties in
     * declaration order. An empty schema is fine for a source without settings.
     *
     * @throws IllegalArgumentException if two fields share a key, or a dependency names an undeclared
     *     field or a value that field's type cannot hold
     */
    public static ConfigSchema of(List<ConfigField> fields) {
        List<ConfigField> numbered = new ArrayList<>(fields.size());
        Set<String> keys = new LinkedHashSet<>();
        for (ConfigField field : fields) {
            if (!keys.add(field.key())) {
                throw new IllegalArgumentException("Configuration key '" + field.key() + "' is declared twice");
            }
            numbered.add(field.order() == 0 ? field.withOrder(numbered.size() + 1) : field);
        }
        numbered.sort(Comparator.comparingInt(ConfigField::order)); // stable: ties keep declaration order
        ConfigSchema schema = new ConfigSchema(List.copyOf(numbered));
        for (ConfigField field : numbered) {
            for (Dependency dependency : field.dependsOn()) {
                ConfigField target = schema.byKey.get(dependency.field());
                if (target == null) {
                    throw new IllegalArgumentException(
                            field.key() + " depends on '" + dependency.field() + "', which is not declared");
                }
                try {
                    target.normalize(dependency.value());
                } catch (IllegalArgumentException badValue) {
                    throw new IllegalArgumentException(field.key() + " depends on " + dependency.field()
                            + " = " + dependency.value() + ", but that value " + badValue.getMessage(), badValue);
                }
            }
        }
        return schema;
    }

    /** The declared fields, sorted by {@link ConfigField#order() order}. */
    public List<ConfigField> fields() {
        return fields;
    }

    /** The field declared under {@code key}, if any. */
    public Optional<ConfigField> field(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /**
     * Parses, defaults and validates {@code rawValues} following the resolution rules above.
     *
     * @param rawValues key to raw value, as stored by Elastic or Kibana; null values mean unset
     * @throws ConfigurationProblemsException listing every problem found, if any
     */
    public SourceConfiguration resolve(Map<String, ?> rawValues) {
        Resolution resolution = evaluate(rawValues);
        if (!resolution.problems().isEmpty()) {
            throw new ConfigurationProblemsException(resolution.problems());
        }
        return new SourceConfiguration(this, resolution.values(), resolution.unknownKeys());
    }

    /**
     * The problems {@link #resolve} would throw for {@code rawValues}, in schema order; empty when
     * the configuration is valid. For showing them to a user without failing.
     */
    public List<ConfigurationProblem> validate(Map<String, ?> rawValues) {
        return evaluate(rawValues).problems();
    }

    /**
     * This schema as the {@code configuration} object of Elastic's connector document: key to an
     * entry with {@code label, type, display, value, default_value, required, sensitive, order,
     * tooltip, depends_on, options, validations, ui_restrictions}, in order.
     *
     * <p>{@code value} is the value set in {@code currentValues} as given (unparsed, so a user's
     * input survives even when invalid), or else the default in its wire form: natives for scalars,
     * comma-separated text for lists, and {@code ""} (str, list) or null (int, bool) without one.
     * {@code currentValues} may itself be a connector {@code configuration} object, so this also
     * upgrades a stored document to the current schema while keeping its values. Undeclared keys
     * are left out.
     */
    public Map<String, Object> toConnectorDocument(Map<String, ?> currentValues) {
        Map<String, Object> document = new LinkedHashMap<>();
        for (ConfigField field : fields) {
            @Nullable Object current = plainValue(currentValues.get(field.key()));
            Map<String, @Nullable Object> entry = new LinkedHashMap<>();
            entry.put("label", field.label());
            entry.put("type", field.type().wireName());
            entry.put("display", field.display().wireName());
            entry.put("value", FieldType.isUnset(current) ? wireDefault(field) : current);
            entry.put("default_value", wireDefault(field));
            entry.put("required", field.required());
            entry.put("sensitive", field.sensitive());
            entry.put("order", field.order());
            entry.put("tooltip", field.tooltip());
            entry.put("depends_on", field.dependsOn().stream().map(this::wireDependency).toList());
            entry.put("options", field.options().stream()
                    .map(option -> wirePair("label", option.label(), "value", option.value()))
                    .toList());
            entry.put("validations", field.validations().stream()
                    .map(validation -> wirePair("type", validation.type(), "constraint", validation.constraint()))
                    .toList());
            entry.put("ui_restrictions", field.uiRestrictions());
            document.put(field.key(), Collections.unmodifiableMap(entry));
        }
        return Collections.unmodifiableMap(document);
    }

    /**
     * The values of a connector {@code configuration} object: key to the {@code value} of each
     * entry, ready for {@link #resolve}. Entries that are not objects with a {@code value} are
     * taken as plain values, so a plain key-to-value map passes through. Every key is kept,
     * declared or not (so {@link SourceConfiguration#unknownKeys()} can report stale ones); null
     * values are dropped, which {@link #resolve} reads the same as unset.
     */
    public Map<String, Object> fromConnectorDocument(Map<String, ?> configurationDoc) {
        Map<String, Object> values = new LinkedHashMap<>();
        configurationDoc.forEach((key, entry) -> {
            @Nullable Object value = plainValue(entry);
            if (key != null && value != null) {
                values.put(key, value);
            }
        });
        return Collections.unmodifiableMap(values);
    }

    /**
     * {@code values} fit for printing or logging: the value of every sensitive field that is set is
     * replaced by {@code "********"}. Works on plain values and on connector document entries (whose
     * {@code value} and {@code default_value} are masked when the field is sensitive, by this schema
     * or by the entry's own {@code sensitive} flag). Other values, including those of undeclared
     * keys, are kept as is; null values are dropped.
     */
    public Map<String, Object> masked(Map<String, ?> values) {
        Map<String, Object> masked = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (key == null || value == null) {
                return;
            }
            boolean declaredSensitive = field(key).map(ConfigField::sensitive).orElse(false);
            if (value instanceof Map<?, ?> entry && entry.containsKey("value")) {
                boolean sensitive = declaredSensitive || Boolean.TRUE.equals(entry.get("sensitive"));
                masked.put(key, sensitive ? maskedEntry(entry) : value);
            } else {
                masked.put(key, declaredSensitive ? mask(value) : value);
            }
        });
        return Collections.unmodifiableMap(masked);
    }

    /**
     * Reference documentation of this schema: a GitHub-flavoured Markdown table with one row per
     * field, in order, giving key, label, type, default (masked for sensitive fields), whether it
     * is required, its dependencies, and a description made of the tooltip, the options and the
     * validations.
     */
    public String markdown() {
        StringBuilder out = new StringBuilder()
                .append("| Key | Label | Type | Default | Required | Depends on | Description |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- |\n");
        for (ConfigField field : fields) {
            @Nullable Object defaultValue = field.defaultValue();
            String defaultText = defaultValue == null ? ""
                    : field.sensitive() ? MASK
                    : code(FieldType.text(field.type().toWire(defaultValue)));
            String key = code(field.key());
            String dependsOn = field.dependsOn().stream()
                    .map(dependency -> code(dependency.field()) + " = " + code(FieldType.text(dependency.value())))
                    .collect(Collectors.joining(" and "));
            out.append("| ").append(cell(key))
                    .append(" | ").append(cell(field.label()))
                    .append(" | ").append(field.type().wireName())
                    .append(" | ").append(cell(defaultText))
                    .append(" | ").append(field.required() ? "yes" : "no")
                    .append(" | ").append(cell(dependsOn))
                    .append(" | ").append(cell(description(field)))
                    .append(" |\n");
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "ConfigSchema" + byKey.keySet();
    }

    /** The outcome of reading raw values: resolved values, problems and undeclared keys. */
    private record Resolution(Map<String, Object> values, List<ConfigurationProblem> problems, Set<String> unknownKeys) {}

    private Resolution evaluate(Map<String, ?> rawValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, ConfigurationProblem> parseProblems = new LinkedHashMap<>();
        for (ConfigField field : fields) {
            @Nullable Object raw = plainValue(rawValues.get(field.key()));
            @Nullable Object value;
            try {
                value = field.normalize(raw);
            } catch (IllegalArgumentException unreadable) {
                parseProblems.put(field.key(), field.problem(Objects.requireNonNull(unreadable.getMessage()), raw));
                value = null;
            }
            if (value == null) {
                value = field.defaultValue();
            }
            if (value != null) {
                values.put(field.key(), value);
            }
        }
        List<ConfigurationProblem> problems = new ArrayList<>();
        for (ConfigField field : fields) {
            if (!applies(field, values)) {
                continue;
            }
            ConfigurationProblem unreadable = parseProblems.get(field.key());
            @Nullable Object value = values.get(field.key());
            if (unreadable != null) {
                problems.add(unreadable);
            } else if (value == null) {
                if (field.required()) {
                    problems.add(field.problem("is required", null));
                }
            } else {
                problems.addAll(field.check(value));
            }
        }
        Set<String> unknownKeys = new LinkedHashSet<>();
        for (String key : rawValues.keySet()) {
            if (key != null && !byKey.containsKey(key)) {
                unknownKeys.add(key);
            }
        }
        return new Resolution(Collections.unmodifiableMap(values), List.copyOf(problems),
                Collections.unmodifiableSet(unknownKeys));
    }

    private boolean applies(ConfigField field, Map<String, Object> values) {
        for (Dependency dependency : field.dependsOn()) {
            ConfigField target = byKey.get(dependency.field());
            // of() checked the target exists and can hold the dependency value.
            if (target == null || !Objects.equals(target.normalize(dependency.value()), values.get(target.key()))) {
                return false;
            }
        }
        return true;
    }

    /** The value of a connector document entry, or the raw value itself when it is not one. */
    private static @Nullable Object plainValue(@Nullable Object raw) {
        return raw instanceof Map<?, ?> entry && entry.containsKey("value") ? entry.get("value") : raw;
    }

    private static @Nullable Object wireDefault(ConfigField field) {
        @Nullable Object defaultValue = field.defaultValue();
        if (defaultValue != null) {
            return field.type().toWire(defaultValue);
        }
        return field.type() == FieldType.STR || field.type() == FieldType.LIST ? "" : null;
    }

    private Map<String, Object> wireDependency(Dependency dependency) {
        ConfigField target = Objects.requireNonNull(byKey.get(dependency.field()));
        @Nullable Object value = target.normalize(dependency.value());
        return wirePair("field", dependency.field(), "value", value == null ? "" : target.type().toWire(value));
    }

    private static Map<String, Object> wirePair(String firstName, Object first, String secondName, Object second) {
        Map<String, Object> pair = new LinkedHashMap<>();
        pair.put(firstName, first);
        pair.put(secondName, second);
        return Collections.unmodifiableMap(pair);
    }

    private static Object mask(Object value) {
        return FieldType.isUnset(value) ? value : MASK;
    }

    private static Map<Object, @Nullable Object> maskedEntry(Map<?, ?> entry) {
        Map<Object, @Nullable Object> copy = new LinkedHashMap<>(entry);
        for (String secret : List.of("value", "default_value")) {
            @Nullable Object value = copy.get(secret);
            if (value != null) {
                copy.put(secret, mask(value));
            }
        }
        return Collections.unmodifiableMap(copy);
    }

    private static String description(ConfigField field) {
        List<String> sentences = new ArrayList<>();
        String tooltip = field.tooltip();
        if (tooltip != null && !tooltip.isBlank()) {
            tooltip = tooltip.strip();
            sentences.add(tooltip.endsWith(".") ? tooltip : tooltip + ".");
        }
        if (field.sensitive()) {
            sentences.add("Sensitive.");
        }
        if (!field.options().isEmpty()) {
            sentences.add("One of: " + field.options().stream()
                    .map(option -> {
                        String value = FieldType.text(option.value());
                        return option.label().equals(value) ? code(value) : code(value) + " (" + option.label() + ")";
                    })
                    .collect(Collectors.joining(", ")) + ".");
        }
        for (Validation validation : field.validations()) {
            String rule = validation.describe(field.type());
            sentences.add(rule.substring(0, 1).toUpperCase(Locale.ROOT) + rule.substring(1) + ".");
        }
        return String.join(" ", sentences);
    }

    private static String code(String text) {
        return "`" + text + "`";
    }

    /** Keeps a text inside its table cell: pipes would split it, newlines would end the row. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replaceAll("\\R", " ");
    }
}
