package io.connectors.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DocumentBodyTest {

    @Test
    void entries_areTheFieldsThenTheAddedOnes_andAnAddedKeyReplacesAField() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("title", "t");
        fields.put("id", "from the source");
        fields.put("labels", java.util.List.of("a"));
        DocumentBody body = new DocumentBody(fields);
        body.add("id", "doc-1");
        body.add("_timestamp", "2025");
        body.addAll(Map.of("size", 3));

        assertThat(new LinkedHashMap<>(body)).containsExactly(Map.entry("title", "t"), Map.entry("labels", java.util.List.of("a")),
                Map.entry("id", "doc-1"), Map.entry("_timestamp", "2025"), Map.entry("size", 3));
        assertThat(body).hasSize(5);
        assertThat(body.get("id")).isEqualTo("doc-1");
        assertThat(fields).as("the source's map is left alone").containsEntry("id", "from the source").hasSize(3);
    }
}
