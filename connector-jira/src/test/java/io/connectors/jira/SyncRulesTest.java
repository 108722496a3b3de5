package io.connectors.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncRulesTest {

    @Test
    void elasticsShape_asListOrAdvancedSnippet() {
        List<Map<String, Object>> rules = List.of(Map.of("query", "project = A"), Map.of("query", " labels = x "));
        assertThat(SyncRules.queries(rules)).containsExactly("project = A", "labels = x");
        assertThat(SyncRules.queries(Map.of("value", rules))).containsExactly("project = A", "labels = x");
        assertThat(SyncRules.queries(null)).isEmpty();
    }

    @Test
    void badShapes_areAllReported() {
        assertThatThrownBy(() -> SyncRules.queries(List.of(Map.of("query", ""), "x", Map.of("query", "a", "extra", 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rule 1 needs a non-empty string 'query'")
                .hasMessageContaining("rule 2 is not an object")
                .hasMessageContaining("rule 3 has unknown keys [extra]");
        assertThatThrownBy(() -> SyncRules.queries(Map.of("query", "a")))
                .hasMessageStartingWith("expected a list");
    }
}
