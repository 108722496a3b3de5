package io.connectors.jira.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An issue as search returns it with {@code fields=*all}. Fields stay raw JSON because custom fields are arbitrary
 * and {@code description} is ADF on Cloud and text on Server; accessors read the system fields used.
 */
public record Issue(String id, String key, @Nullable ObjectNode fields) {

    public JsonNode field(String name) {
        return fields == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : fields.path(name);
    }

    public @Nullable String text(String name) {
        JsonNode node = field(name);
        return node.isTextual() ? node.asText() : null;
    }

    /** The {@code name} of an object field such as status, issuetype, priority, resolution. */
    public @Nullable String nameOf(String name) {
        JsonNode node = field(name).path("name");
        return node.isTextual() ? node.asText() : null;
    }

    public @Nullable String updated() {
        return text("updated");
    }

    public @Nullable String created() {
        return text("created");
    }

    public List<String> strings(String name) {
        List<String> values = new ArrayList<>();
        for (JsonNode element : field(name)) {
            if (element.isTextual()) {
                values.add(element.asText());
            } else if (element.path("name").isTextual()) {
                values.add(element.path("name").asText());
            }
        }
        return values;
    }
}
