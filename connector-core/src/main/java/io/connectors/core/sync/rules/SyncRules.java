package io.connectors.core.sync.rules;

import io.connectors.api.ConnectorException;
import io.connectors.api.source.Filtering;
import io.connectors.api.source.SourceDocument;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The basic sync rules of a connector, applied by the engine to every document of every source, on full and
 * incremental syncs: rules are tried in ascending {@code order}, the first that matches includes or excludes the
 * document, and a document no rule matches is included (Kibana's default rule, last, includes everything).
 */
public final class SyncRules {

    public static final SyncRules NONE = new SyncRules(List.of());

    private final List<BasicRule> rules;

    private SyncRules(List<BasicRule> rules) {
        this.rules = rules;
    }

    /** The rules of {@code filtering}; a rule that cannot be parsed fails with every problem at once. */
    public static SyncRules of(Filtering filtering) {
        List<String> problems = problems(filtering.rules());
        if (!problems.isEmpty()) {
            throw new ConnectorException("invalid basic sync rules: " + String.join("; ", problems));
        }
        List<BasicRule> parsed = new ArrayList<>();
        for (Filtering.BasicRule rule : filtering.rules()) {
            parsed.add(BasicRule.parse(rule));
        }
        parsed.sort(Comparator.comparingInt(BasicRule::order));
        return new SyncRules(List.copyOf(parsed));
    }

    /** What is wrong with each rule, as "rule &lt;id&gt;: &lt;problem&gt;"; empty when every rule parses. */
    public static List<String> problems(List<Filtering.BasicRule> rules) {
        List<String> problems = new ArrayList<>();
        for (Filtering.BasicRule rule : rules) {
            try {
                BasicRule.parse(rule);
            } catch (IllegalArgumentException e) {
                problems.add("rule " + rule.id() + ": " + e.getMessage());
            }
        }
        return problems;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** Whether {@code document} is synced: the policy of the first rule that matches, else included. */
    public boolean includes(SourceDocument document) {
        for (BasicRule rule : rules) {
            if (rule.matches(document)) {
                return rule.includes();
            }
        }
        return true;
    }
}
