package io.connectors.ftest.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndexComparisonTest {

    private static final Map<String, String> SOURCE = source();

    private static Map<String, String> source() {
        Map<String, String> source = new HashMap<>();
        source.put("project-1", null);
        source.put("issue-1", "2026-01-01T10:00:00.000+0100");
        source.put("attachment-7", "2026-01-01T09:00:00.000+0100");
        return source;
    }

    @Test
    void compare_sameIdsAndTimestamps_isEqual() {
        Map<String, String> index = new HashMap<>(SOURCE);
        index.put("project-1", "anything: a null source marker is not compared");

        IndexComparison comparison = IndexComparison.compare(SOURCE, index);

        assertThat(comparison.equal()).isTrue();
        assertThat(comparison.summary()).isEqualTo("3 documents, ids and _timestamps as in the source");
    }

    @Test
    void compare_missingExtraAndStaleDocuments_listsEachKind() {
        Map<String, String> index = new HashMap<>();
        index.put("project-1", null);
        index.put("issue-1", "2026-01-01T08:00:00.000+0100");
        index.put("issue-9", "2026-01-01T08:00:00.000+0100");

        IndexComparison comparison = IndexComparison.compare(SOURCE, index);

        assertThat(comparison.equal()).isFalse();
        assertThat(comparison.missing()).containsExactly("attachment-7");
        assertThat(comparison.unexpected()).containsExactly("issue-9");
        assertThat(comparison.wrongTimestamp())
                .containsExactly("issue-1: 2026-01-01T08:00:00.000+0100 instead of 2026-01-01T10:00:00.000+0100");
        assertThat(comparison.summary()).startsWith("source 3, index 3; missing 1 (attachment-7); unexpected 1 (issue-9)");
    }

    @Test
    void compare_indexWithoutTimestampForAMarkedDocument_isNotEqual() {
        Map<String, String> index = new HashMap<>(SOURCE);
        index.put("issue-1", null);

        assertThat(IndexComparison.compare(SOURCE, index).wrongTimestamp()).hasSize(1);
    }
}
