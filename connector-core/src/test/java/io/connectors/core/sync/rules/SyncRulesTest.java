package io.connectors.core.sync.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectors.api.ConnectorException;
import io.connectors.api.source.Filtering;
import io.connectors.api.source.SourceDocument;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncRulesTest {

    private static final SourceDocument ISSUE = SourceDocument.of("PROJ-12", "2026-01-01T00:00:00Z", Map.of(
            "title", "Printer on fire", "priority", 3, "done", false, "created", Instant.parse("2026-02-01T10:00:00Z"),
            "labels", List.of("hardware", "urgent"), "project", Map.of("key", "PROJ")));

    private static boolean matches(String field, String rule, String value) {
        return BasicRule.parse(new Filtering.BasicRule("r", 0, "include", field, rule, value)).matches(ISSUE);
    }

    @Test
    void textRules_compareTheValuesText() {
        assertThat(matches("title", "equals", "Printer on fire")).isTrue();
        assertThat(matches("title", "equals", "printer on fire")).isFalse();
        assertThat(matches("title", "contains", "on f")).isTrue();
        assertThat(matches("title", "starts_with", "Printer")).isTrue();
        assertThat(matches("title", "ends_with", "fire")).isTrue();
        assertThat(matches("title", "ends_with", "Printer")).isFalse();
    }

    @Test
    void regex_matchesFromTheStartLikePythonsReMatch() {
        assertThat(matches("title", "regex", "Print")).isTrue();
        assertThat(matches("title", "regex", "fire")).isFalse();
        assertThat(matches("title", "regex", ".*fire$")).isTrue();
    }

    @Test
    void comparisons_readTheRuleValueAsTheDocumentValuesType() {
        assertThat(matches("priority", ">", "2.5")).isTrue();
        assertThat(matches("priority", "<", "10")).isTrue(); // as text, "3" > "10"
        assertThat(matches("priority", "equals", "3.0")).isTrue();
        assertThat(matches("priority", ">", "not a number")).isFalse();
        assertThat(matches("done", "equals", "no")).isTrue();
        assertThat(matches("created", ">", "2026-01-31")).isTrue();
        assertThat(matches("created", "<", "2026-02-01T09:00:00Z")).isFalse();
        assertThat(matches("title", ">", "Printer")).isTrue();
    }

    @Test
    void fields_missingNeverMatch_dotsReachIntoObjects_listsMatchAnyElement_idAndTimestampByName() {
        assertThat(matches("assignee", "regex", "")).isFalse();
        assertThat(matches("project.key", "equals", "PROJ")).isTrue();
        assertThat(matches("labels", "equals", "urgent")).isTrue();
        assertThat(matches("labels", "equals", "software")).isFalse();
        assertThat(matches("id", "starts_with", "PROJ-")).isTrue();
        assertThat(matches("_timestamp", "starts_with", "2026-01")).isTrue();
    }

    @Test
    void includes_firstMatchingRuleInOrderDecides_noMatchIsIncluded() {
        SyncRules rules = SyncRules.of(new Filtering(List.of(
                new Filtering.BasicRule("exclude-all-proj", 2, "exclude", "project.key", "equals", "PROJ"),
                new Filtering.BasicRule("keep-urgent", 1, "include", "labels", "equals", "urgent")), null));
        SourceDocument calm = SourceDocument.of("PROJ-13", "t", Map.of("project", Map.of("key", "PROJ"), "labels", List.of()));
        SourceDocument other = SourceDocument.of("OPS-1", "t", Map.of("project", Map.of("key", "OPS")));

        assertThat(rules.includes(ISSUE)).isTrue();
        assertThat(rules.includes(calm)).isFalse();
        assertThat(rules.includes(other)).isTrue();
    }

    @Test
    void of_unknownRuleOrPolicyOrBadRegex_failsNamingEveryRule() {
        assertThatThrownBy(() -> SyncRules.of(new Filtering(List.of(
                new Filtering.BasicRule("a", 0, "include", "title", "like", "x"),
                new Filtering.BasicRule("b", 1, "keep", "title", "equals", "x"),
                new Filtering.BasicRule("c", 2, "exclude", "title", "regex", "(unclosed")), null)))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("rule a: rule 'like' is unknown")
                .hasMessageContaining("rule b: policy 'keep' is unknown")
                .hasMessageContaining("rule c: regex '(unclosed' does not compile");
    }
}
