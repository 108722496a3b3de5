package io.connectors.core.config;

import io.connectors.core.config.ConfigKeys.Section;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Renderings of the key table: the Markdown reference in docs/configuration.md, the annotated config.yml at the
 * repository root, and a config's redacted YAML. Tests keep the two files equal to these renderings.
 */
final class ConfigReference {

    private static final String NO_EFFECT = "No effect here; accepted for compatibility with Elastic.";
    private static final int RULE_WIDTH = 80;

    private ConfigReference() {
    }

    /** One Markdown table per section: key, type, default, description. */
    static String markdown() {
        StringBuilder out = new StringBuilder();
        for (Section section : ConfigKeys.SECTIONS) {
            out.append("### `").append(section.path()).append("`\n\n")
                    .append(section.description()).append("\n\n")
                    .append("| Key | Type | Default | Description |\n")
                    .append("| --- | --- | --- | --- |\n");
            for (ConfigKey<?> key : keysOf(section)) {
                String description = key.effective() ? key.description() : key.description() + " *" + NO_EFFECT + "*";
                row(out, key.path(), key.type().name(), markdownDefault(key), description);
            }
            if (ConfigKeys.isClassMap(section.path())) {
                ConfigKeys.builtInsOf(section.path()).forEach((name, className) -> row(out, section.path() + "." + name,
                        ConfigKeys.classKeyOf(section.path()).type().name(), "`" + className + "`", "Built in."));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** The repository's config.yml: every key with its default and a one-line comment. */
    static String annotatedYaml() {
        StringBuilder out = new StringBuilder();
        out.append("## ").append(rule("Connectors configuration", '=')).append('\n')
                .append("#\n")
                .append("## Elastic's config.yml layout and defaults: a config.yml written for Elastic's connectors loads here too.\n")
                .append("## Durations are in seconds, *_mem_size values in MiB, file sizes in bytes.\n")
                .append("## Any value may use ${VAR} or ${VAR:default} from the environment; $${ is a literal ${.\n")
                .append("## Keys commented out as having no effect are Elastic's: accepted, and ignored with a warning.\n")
                .append("## Generated from the key table (ConfigKeys.java); docs/configuration.md describes every key.\n");
        for (Section section : topLevelSections()) {
            out.append('\n').append("## ").append(rule(section.title(), '-')).append('\n')
                    .append("#\n")
                    .append("# ").append(section.description()).append('\n');
            switch (section.path()) {
                case ConfigKeys.CONNECTORS -> {
                    out.append("# For example:\n").append("#   connectors:\n");
                    List<String> lines = ConfigKeys.CONNECTOR_KEYS.stream()
                            .map(key -> key.name() + ": " + (key.example() != null ? key.example() : key.renderedDefault()))
                            .toList();
                    int width = lines.stream().mapToInt(String::length).max().orElse(0);
                    for (int i = 0; i < lines.size(); i++) {
                        out.append(i == 0 ? "#     - " : "#       ").append(pad(lines.get(i), width))
                                .append("  # ").append(ConfigKeys.CONNECTOR_KEYS.get(i).description()).append('\n');
                    }
                    out.append("connectors: []\n");
                    for (ConfigKey<?> key : ConfigKeys.DEPRECATED_KEYS) {
                        out.append("# ").append(key.description()).append('\n')
                                .append("# ").append(key.name()).append(": ").append(key.example()).append('\n');
                    }
                }
                case ConfigKeys.SOURCES -> {
                    out.append("# For example:  my_source: ").append(ConfigKeys.SOURCE_CLASS.example()).append('\n')
                            .append("sources:\n")
                            // commented out: a source the file names is reported when it does not load, and a
                            // built-in whose module is not installed (a class path without connector-confluence) is no one's mistake
                            .append("  # Built in, present without a line here; listed by 'connectors sources' when they load:\n");
                    ConfigKeys.BUILT_IN_SOURCES.forEach((serviceType, className) ->
                            out.append("  # ").append(serviceType).append(": ").append(ValueType.yamlScalar(className)).append('\n'));
                }
                case ConfigKeys.SINKS -> {
                    out.append("# For example:  my_sink: ").append(ConfigKeys.classKeyOf(section.path()).example())
                            .append('\n').append("sinks:\n");
                    ConfigKeys.builtInsOf(section.path()).forEach((name, className) ->
                            out.append("  ").append(name).append(": ").append(ValueType.yamlScalar(className)).append('\n'));
                }
                default -> {
                    out.append(section.path()).append(":\n");
                    annotatedSection(out, section.path(), "  ");
                }
            }
        }
        return out.toString();
    }

    /** {@code config} as YAML, keys that have an effect only, secrets masked. */
    static String redactedYaml(ConnectorsConfig config) {
        StringBuilder out = new StringBuilder();
        for (Section section : topLevelSections()) {
            switch (section.path()) {
                case ConfigKeys.CONNECTORS -> {
                    out.append(config.connectors().isEmpty() ? "connectors: []\n" : "connectors:\n");
                    for (ConnectorEntry entry : config.connectors()) {
                        out.append("  - ").append(ConfigKeys.CONNECTOR_ID.name()).append(": ")
                                .append(ValueType.yamlScalar(entry.connectorId())).append('\n');
                        item(out, ConfigKeys.CONNECTOR_SERVICE_TYPE, ValueType.yamlScalar(entry.serviceType()));
                        item(out, ConfigKeys.CONNECTOR_API_KEY, entry.apiKey() == null ? null : ValueType.yamlScalar(Secret.MASK));
                        item(out, ConfigKeys.CONNECTOR_SINKS, entry.sinks().stream().map(ValueType::yamlScalar)
                                .collect(java.util.stream.Collectors.joining(", ", "[", "]")));
                    }
                }
                case ConfigKeys.SOURCES, ConfigKeys.SINKS -> {
                    out.append(section.path()).append(":\n");
                    (section.path().equals(ConfigKeys.SINKS) ? config.sinks() : config.sources()).forEach((name, className) ->
                            out.append("  ").append(ValueType.yamlScalar(name)).append(": ")
                                    .append(ValueType.yamlScalar(className)).append('\n'));
                }
                default -> {
                    out.append(section.path()).append(":\n");
                    redactedSection(out, config, section.path(), "  ");
                }
            }
        }
        return out.toString();
    }

    private static void annotatedSection(StringBuilder out, String path, String indent) {
        for (ConfigKey<?> key : directKeys(path)) {
            out.append(indent).append("# ").append(key.description());
            if (!key.effective()) {
                out.append(' ').append(NO_EFFECT);
            }
            out.append('\n');
            String defaultValue = key.renderedDefault();
            if (defaultValue == null) {
                out.append(indent).append("# ").append(key.name()).append(": ").append(key.example()).append('\n');
            } else {
                out.append(indent).append(key.effective() ? "" : "# ").append(key.name()).append(": ").append(defaultValue).append('\n');
            }
        }
        for (Section sub : subSections(path)) {
            out.append('\n').append(indent).append("## ").append(rule(sub.title(), '-', RULE_WIDTH - indent.length())).append('\n')
                    .append(indent).append("# ").append(sub.description()).append('\n')
                    .append(indent).append(sub.path().substring(path.length() + 1)).append(":\n");
            annotatedSection(out, sub.path(), indent + "  ");
        }
    }

    private static void redactedSection(StringBuilder out, ConnectorsConfig config, String path, String indent) {
        for (ConfigKey<?> key : directKeys(path)) {
            if (key.effective()) {
                String value = key.renderedValue(config);
                out.append(indent).append(key.name()).append(": ").append(value == null ? "null" : value).append('\n');
            }
        }
        for (Section sub : subSections(path)) {
            out.append(indent).append(sub.path().substring(path.length() + 1)).append(":\n");
            redactedSection(out, config, sub.path(), indent + "  ");
        }
    }

    private static void item(StringBuilder out, ConfigKey<?> key, @Nullable String value) {
        out.append("    ").append(key.name()).append(": ").append(value == null ? "null" : value).append('\n');
    }

    private static List<Section> topLevelSections() {
        return ConfigKeys.SECTIONS.stream().filter(s -> !s.path().contains(".")).toList();
    }

    private static List<Section> subSections(String path) {
        return ConfigKeys.SECTIONS.stream().filter(s -> ConfigKeys.parentOf(s.path()).equals(path)).toList();
    }

    private static List<ConfigKey<?>> directKeys(String path) {
        return ConfigKeys.ROOT_KEYS.stream().filter(k -> k.parent().equals(path)).toList();
    }

    private static List<ConfigKey<?>> keysOf(Section section) {
        return switch (section.path()) {
            case ConfigKeys.CONNECTORS -> java.util.stream.Stream.of(ConfigKeys.CONNECTOR_KEYS.stream(),
                    ConfigKeys.DEPRECATED_KEYS.stream(), ConfigKeys.QBUSINESS_KEYS.stream()).flatMap(s -> s).toList();
            case ConfigKeys.SOURCES -> List.of(ConfigKeys.SOURCE_CLASS);
            case ConfigKeys.SINKS -> List.of(ConfigKeys.SINK_CLASS);
            default -> directKeys(section.path());
        };
    }

    private static String markdownDefault(ConfigKey<?> key) {
        if (key.required()) {
            return "required";
        }
        String rendered = key.renderedDefault();
        return rendered == null ? "none" : "`" + rendered + "`";
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }

    private static void row(StringBuilder out, String... cells) {
        out.append('|');
        for (int i = 0; i < cells.length; i++) {
            String cell = i == 0 ? "`" + cells[i] + "`" : cells[i];
            out.append(' ').append(cell.replace("|", "\\|")).append(" |");
        }
        out.append('\n');
    }

    private static String rule(String title, char c) {
        return rule(title, c, RULE_WIDTH);
    }

    /** A heading like Elastic's, {@code ----- Title -----}, {@code width} wide with the "## " prefix. */
    private static String rule(String title, char c, int width) {
        int fill = width - 3 - title.length() - 2;
        String left = String.valueOf(c).repeat(fill / 2);
        String right = String.valueOf(c).repeat(fill - fill / 2);
        return left + " " + title + " " + right;
    }
}
