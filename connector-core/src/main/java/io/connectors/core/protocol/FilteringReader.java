package io.connectors.core.protocol;

import io.connectors.api.source.Filtering;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads the active sync rules out of Elastic's filtering shapes: a connector's
 * {@code [{domain, active: {rules, advanced_snippet: {value}}, draft}]} or a job snapshot's
 * {@code [{domain, rules, advanced_snippet}]} (or either without the list).
 */
final class FilteringReader {

    private FilteringReader() {}

    static Filtering active(@Nullable Object filtering) {
        Object entry = filtering instanceof List<?> list ? (list.isEmpty() ? null : list.get(0)) : filtering;
        if (!(entry instanceof Map<?, ?> map)) {
            return Filtering.NONE;
        }
        Object active = map.containsKey("active") ? map.get("active") : map;
        if (!(active instanceof Map<?, ?> rulesAndSnippet)) {
            return Filtering.NONE;
        }
        Object snippet = rulesAndSnippet.get("advanced_snippet");
        if (snippet instanceof Map<?, ?> snippetMap && snippetMap.containsKey("value")) {
            snippet = snippetMap.get("value");
        }
        return new Filtering(rules(rulesAndSnippet.get("rules")), emptyToNull(snippet));
    }

    private static List<Filtering.BasicRule> rules(@Nullable Object value) {
        List<Filtering.BasicRule> rules = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> rule && !"DEFAULT".equals(rule.get("id"))) {
                    rules.add(new Filtering.BasicRule(text(rule.get("id")), rule.get("order") instanceof Number n ? n.intValue() : 0,
                            text(rule.get("policy")), text(rule.get("field")), text(rule.get("rule")), text(rule.get("value"))));
                }
            }
        }
        return rules;
    }

    private static @Nullable Object emptyToNull(@Nullable Object snippet) {
        if (snippet instanceof Map<?, ?> m && m.isEmpty() || snippet instanceof List<?> l && l.isEmpty()) {
            return null;
        }
        return snippet;
    }

    private static String text(@Nullable Object value) {
        return value == null ? "" : value.toString();
    }
}
