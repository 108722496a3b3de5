package io.connectors.core.protocol;

import io.connectors.api.source.Filtering;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
        Object entry = defaultEntry(filtering);
        if (!(entry instanceof Map<?, ?> map)) {
            return Filtering.NONE;
        }
        return rulesAndSnippet(map.containsKey("active") ? map.get("active") : map);
    }

    /** The draft rules of a connector's filtering (Kibana's editor writes them there), or none. */
    static Filtering draft(@Nullable Object filtering) {
        return defaultEntry(filtering) instanceof Map<?, ?> map ? rulesAndSnippet(map.get("draft")) : Filtering.NONE;
    }

    /** The draft's {@code validation.state}: {@code edited} after Kibana changed it, else valid or invalid. */
    static @Nullable String draftState(@Nullable Object filtering) {
        return defaultEntry(filtering) instanceof Map<?, ?> map && map.get("draft") instanceof Map<?, ?> draft
                && draft.get("validation") instanceof Map<?, ?> validation && validation.get("state") != null
                ? validation.get("state").toString() : null;
    }

    /**
     * The connector's filtering with the default domain's draft carrying {@code validation}, and, when
     * {@code promote}, the draft (with that validation) copied to {@code active}, as Elastic's service activates a
     * valid draft. Other domains and fields are left as they are.
     */
    @SuppressWarnings("unchecked")
    static List<Object> withDraftValidated(@Nullable Object filtering, Map<String, Object> validation, boolean promote) {
        List<Object> entries = new ArrayList<>();
        Object target = defaultEntry(filtering);
        if (filtering instanceof List<?> list) {
            for (Object entry : list) {
                entries.add(entry != target || !(entry instanceof Map<?, ?>) ? entry
                        : validated((Map<String, Object>) entry, validation, promote));
            }
        } else if (target instanceof Map<?, ?> entry) {
            entries.add(validated((Map<String, Object>) entry, validation, promote));
        }
        return entries;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> validated(Map<String, Object> entry, Map<String, Object> validation, boolean promote) {
        Map<String, Object> result = new LinkedHashMap<>(entry);
        Map<String, Object> draft = entry.get("draft") instanceof Map<?, ?> d ? new LinkedHashMap<>((Map<String, Object>) d) : new LinkedHashMap<>();
        draft.put("validation", validation);
        result.put("draft", draft);
        if (promote) {
            result.put("active", new LinkedHashMap<>(draft));
        }
        return result;
    }

    /** The entry of the {@code DEFAULT} domain (or the first, or the object itself when it is no list). */
    private static @Nullable Object defaultEntry(@Nullable Object filtering) {
        if (!(filtering instanceof List<?> list)) {
            return filtering;
        }
        for (Object entry : list) {
            if (entry instanceof Map<?, ?> map && "DEFAULT".equals(map.get("domain"))) {
                return entry;
            }
        }
        return list.isEmpty() ? null : list.get(0);
    }

    private static Filtering rulesAndSnippet(@Nullable Object active) {
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
