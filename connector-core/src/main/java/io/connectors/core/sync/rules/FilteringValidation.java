package io.connectors.core.sync.rules;

import io.connectors.api.source.DataSource;
import io.connectors.api.source.Filtering;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * Validates sync rules as Elastic's service does before a draft becomes active and before a job syncs: each basic
 * rule's syntax (id, known policy and rule, field, a non-empty value, a regex that compiles and does not match
 * everything), no two rules alike (same field, rule and value), and the advanced rules through the source's own
 * {@link DataSource#validateFiltering} (Jira: its JQL), or refused when the source has none.
 */
public final class FilteringValidation {

    /** The rule id Elastic gives errors of the advanced rules. */
    public static final String ADVANCED_RULES_ID = "advanced_snippet";

    private static final List<String> MATCH_ALL = List.of(".*", "(.*)");

    private FilteringValidation() {}

    /** One problem: the rules it concerns (highlighted by Kibana) and what is wrong. */
    public record Error(List<String> ids, List<String> messages) {
        public Error {
            ids = List.copyOf(ids);
            messages = List.copyOf(messages);
        }

        Map<String, Object> toDocument() {
            return Map.of("ids", ids, "messages", messages);
        }
    }

    /** The outcome, written as Elastic's {@code validation}: {@code {state: valid|invalid, errors: [{ids, messages}]}}. */
    public record Result(List<Error> errors) {
        public Result {
            errors = List.copyOf(errors);
        }

        public boolean valid() {
            return errors.isEmpty();
        }

        public Map<String, Object> toDocument() {
            Map<String, Object> validation = new LinkedHashMap<>();
            validation.put("state", valid() ? "valid" : "invalid");
            validation.put("errors", errors.stream().map(Error::toDocument).toList());
            return validation;
        }

        /** For a job's error, e.g. "Filtering in state invalid, errors: rule r1: ...". */
        public String describe() {
            List<String> parts = new ArrayList<>();
            for (Error error : errors) {
                parts.add(String.join(", ", error.ids()) + ": " + String.join("; ", error.messages()));
            }
            return "Filtering in state " + (valid() ? "valid" : "invalid") + ", errors: " + String.join(" | ", parts)
                    + ". Fix the sync rules in Kibana (or the connector's filtering) and start the sync again";
        }
    }

    /** Validates {@code filtering}; the advanced rules are asked of {@code source}. Never errors: problems are the result. */
    public static Mono<Result> validate(Filtering filtering, DataSource source) {
        List<Error> errors = new ArrayList<>(basicRuleErrors(filtering.rules()));
        if (!filtering.hasAdvancedRules()) {
            return Mono.just(new Result(errors));
        }
        if (!source.supportsAdvancedRules()) {
            errors.add(new Error(List.of(ADVANCED_RULES_ID),
                    List.of(source + " does not support advanced sync rules: remove them, or use basic rules")));
            return Mono.just(new Result(errors));
        }
        return Mono.defer(() -> source.validateFiltering(filtering))
                .then(Mono.<Error>empty())
                .onErrorResume(e -> Mono.just(new Error(List.of(ADVANCED_RULES_ID),
                        List.of(Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName())))))
                .map(List::of)
                .defaultIfEmpty(List.of())
                .map(advanced -> {
                    List<Error> all = new ArrayList<>(errors);
                    all.addAll(advanced);
                    return new Result(all);
                });
    }

    /** The problems of the basic rules alone. */
    public static List<Error> basicRuleErrors(List<Filtering.BasicRule> rules) {
        List<Error> errors = new ArrayList<>();
        Map<List<String>, Filtering.BasicRule> seen = new LinkedHashMap<>();
        for (Filtering.BasicRule rule : rules) {
            String id = rule.id().isBlank() ? "(no id)" : rule.id();
            List<String> messages = new ArrayList<>();
            if (rule.id().isBlank()) {
                messages.add("the rule has no id");
            }
            try {
                BasicRule.parse(rule);
            } catch (IllegalArgumentException e) {
                messages.add(e.getMessage());
            }
            if (rule.value().isEmpty()) {
                messages.add("value is empty");
            }
            if ("regex".equalsIgnoreCase(rule.rule()) && MATCH_ALL.contains(rule.value())) {
                messages.add("regex '" + rule.value() + "' matches everything, which is not allowed (the default rule"
                        + " already includes everything)");
            }
            if (!messages.isEmpty()) {
                errors.add(new Error(List.of(id), messages));
                continue;
            }
            Filtering.BasicRule same = seen.putIfAbsent(List.of(rule.field(), rule.rule().toLowerCase(java.util.Locale.ROOT), rule.value()), rule);
            if (same != null) {
                String message = "rule " + rule.id() + " is semantically equal to rule " + same.id()
                        + " (same field, rule and value)";
                errors.add(new Error(List.of(rule.id(), same.id()), List.of(message)));
            }
        }
        return errors;
    }

}
