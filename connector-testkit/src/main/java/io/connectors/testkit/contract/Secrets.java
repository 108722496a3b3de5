package io.connectors.testkit.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectors.api.config.ConfigField;
import io.connectors.api.config.ConfigSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The values of a fixture's sensitive fields, and where they turn up. A failure message never quotes a secret:
 * every excerpt it shows has them replaced by {@code ********}.
 */
final class Secrets {

    static final String MASK = "********";
    private static final int EXCERPT_CHARS = 160;

    /** One place a secret was found. */
    record Leak(String key, String where, String excerpt) {
        @Override
        public String toString() {
            return "the value of sensitive field '" + key + "' in " + where + ": " + excerpt;
        }
    }

    /** secret value -> the key of the field it is the value of */
    private final Map<String, String> values;

    private Secrets(Map<String, String> values) {
        this.values = values;
    }

    /** The non-blank values of {@code schema}'s sensitive fields in each of {@code configurations}. */
    static Secrets of(ConfigSchema schema, List<Map<String, Object>> configurations) {
        Map<String, String> values = new LinkedHashMap<>();
        for (ConfigField field : schema.fields()) {
            if (!field.sensitive()) {
                continue;
            }
            for (Map<String, Object> configuration : configurations) {
                Object value = configuration.get(field.key());
                if (value != null && !value.toString().isBlank()) {
                    values.putIfAbsent(value.toString(), field.key());
                }
            }
        }
        return new Secrets(values);
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    /** secret value -> field key; for checks on the fixture only, never for messages. */
    Map<String, String> byValue() {
        return values;
    }

    /** {@code text} with every secret replaced by {@link #MASK}. */
    String mask(String text) {
        String masked = text;
        for (String secret : values.keySet()) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }

    /** The leaks in {@code text}, found at {@code where}. */
    List<Leak> in(String text, String where) {
        List<Leak> leaks = new ArrayList<>();
        values.forEach((secret, key) -> {
            if (text.contains(secret)) {
                leaks.add(new Leak(key, where, excerpt(text)));
            }
        });
        return leaks;
    }

    /**
     * The leaks in the string values of {@code document}, each reported at its dotted path; paths that {@code allowed}
     * accepts (where the protocol keeps configuration values) are not searched.
     */
    List<Leak> in(JsonNode document, String where, Predicate<String> allowed) {
        List<Leak> leaks = new ArrayList<>();
        walk(document, "", where, allowed, leaks);
        return leaks;
    }

    private void walk(JsonNode node, String path, String where, Predicate<String> allowed, List<Leak> leaks) {
        if (allowed.test(path)) {
            return;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                walk(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), where, allowed, leaks);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", where, allowed, leaks);
            }
        } else if (node.isValueNode()) {
            leaks.addAll(in(node.asText(), where + ", field " + path));
        }
    }

    /** Around the first secret; masked before it is cut, so that no cut can leave part of a secret readable. */
    private String excerpt(String text) {
        String masked = mask(text);
        int at = Math.max(0, masked.indexOf(MASK));
        int from = Math.max(0, at - EXCERPT_CHARS / 2);
        int to = Math.min(masked.length(), at + MASK.length() + EXCERPT_CHARS / 2);
        return "'" + (from > 0 ? "..." : "") + masked.substring(from, to).replace('\n', ' ')
                + (to < masked.length() ? "..." : "") + "'";
    }
}
