package io.connectors.atlassian;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads advanced sync rules in the shape of Elastic's Jira and Confluence connectors: a JSON array of objects with
 * exactly one non-empty string {@code query} (JQL, CQL), e.g. {@code [{"query": "project = ACME AND labels = docs"}]}.
 * The snippet may be the array itself or Elastic's {@code advanced_snippet} object holding it under {@code value}.
 */
public final class QueryRules {

    private QueryRules() {}

    /**
     * @param language the query language, for messages ({@code JQL}, {@code CQL})
     * @throws IllegalArgumentException naming every entry that breaks the shape
     */
    public static List<String> queries(@Nullable Object snippet, String language) {
        Object value = snippet instanceof Map<?, ?> map && map.containsKey("value") ? map.get("value") : snippet;
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> rules)) {
            throw new IllegalArgumentException("expected a list of {\"query\": \"<" + language + ">\"} objects, got " + describe(value));
        }
        List<String> queries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            Object rule = rules.get(i);
            if (!(rule instanceof Map<?, ?> map)) {
                problems.add("rule " + (i + 1) + " is not an object");
                continue;
            }
            if (!(map.get("query") instanceof String query) || query.isBlank()) {
                problems.add("rule " + (i + 1) + " needs a non-empty string 'query'");
                continue;
            }
            List<String> extra = map.keySet().stream().map(String::valueOf).filter(key -> !key.equals("query")).toList();
            if (!extra.isEmpty()) {
                problems.add("rule " + (i + 1) + " has unknown keys " + extra);
                continue;
            }
            queries.add(query.strip());
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems)
                    + " (expected [{\"query\": \"<" + language + ">\"}, ...])");
        }
        return List.copyOf(queries);
    }

    private static String describe(Object value) {
        String text = String.valueOf(value);
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
