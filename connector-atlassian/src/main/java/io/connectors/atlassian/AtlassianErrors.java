package io.connectors.atlassian;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectors.api.http.HttpStatusException;
import io.connectors.api.http.StatusDecision;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reading the products' error answers, and the status tests and URL encoding both clients use. */
public final class AtlassianErrors {

    private static final int MAX_RAW = 300;

    private AtlassianErrors() {}

    /**
     * The product's own explanation in an error answer: Jira's {@code errorMessages} and {@code errors}, Confluence's
     * {@code message}; else the raw body (cut), else the status.
     */
    public static String message(HttpStatusException error) {
        try {
            JsonNode body = AtlassianJson.MAPPER.readTree(error.responseBody());
            List<String> messages = new ArrayList<>();
            body.path("errorMessages").forEach(message -> messages.add(message.asText()));
            body.path("errors").properties().forEach(entry -> messages.add(entry.getKey() + ": " + entry.getValue().asText()));
            if (body.path("message").isTextual() && !body.path("message").asText().isBlank()) {
                messages.add(body.path("message").asText());
            }
            if (!messages.isEmpty()) {
                return String.join("; ", messages);
            }
        } catch (Exception notJson) {
            // fall through to the raw text
        }
        String raw = error.responseBody().strip();
        return raw.isEmpty() ? "HTTP " + error.status() : raw.length() > MAX_RAW ? raw.substring(0, MAX_RAW) + "..." : raw;
    }

    public static boolean is(Throwable error, StatusDecision decision) {
        return error instanceof HttpStatusException status && status.decision() == decision;
    }

    public static boolean isStatus(Throwable error, int code) {
        return error instanceof HttpStatusException status && status.status() == code;
    }

    /** A query parameter value or path segment, percent-encoded ({@code %20} for spaces, as both products expect). */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
