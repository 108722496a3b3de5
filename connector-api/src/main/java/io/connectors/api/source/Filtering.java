package io.connectors.api.source;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The connector's active sync rules, in the shape of Elastic's connector {@code filtering}: basic rules (field,
 * rule, value, policy) and an advanced snippet whose meaning belongs to the source (for Jira, a list of JQL queries).
 * A source that supports no rules ignores it.
 */
public record Filtering(List<BasicRule> rules, @Nullable Object advancedSnippet) {

    public Filtering {
        rules = List.copyOf(rules);
    }

    public static final Filtering NONE = new Filtering(List.of(), null);

    public boolean hasAdvancedRules() {
        return advancedSnippet != null
                && !(advancedSnippet instanceof Map<?, ?> m && m.isEmpty())
                && !(advancedSnippet instanceof List<?> l && l.isEmpty());
    }

    /** One basic rule: include or exclude documents whose {@code field} matches {@code rule} against {@code value}. */
    public record BasicRule(String id, int order, String policy, String field, String rule, String value) {}
}
