package io.connectors.ftest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Elasticsearch over plain REST and JSON, as Kibana or {@code curl} would talk to it: the ftest runner writes the
 * control documents and reads the index with this, never with the service's own classes.
 */
public final class EsRest implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String baseUrl;
    private final HttpClient http;

    public EsRest(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    public String url() {
        return baseUrl;
    }

    /** An answer: status and parsed body (an empty object when the body is not JSON). */
    public record Answer(int status, JsonNode body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    public Answer send(String method, String path, @Nullable Object body) {
        try {
            String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            return raw(method, path, text, "application/json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Like {@link #send} but fails on any status outside 2xx, naming the request and Elasticsearch's answer. */
    public JsonNode call(String method, String path, @Nullable Object body) {
        Answer answer = send(method, path, body);
        if (!answer.ok()) {
            throw new IllegalStateException(method + " " + path + " answered " + answer.status() + ": " + abbreviate(answer.body().toString()));
        }
        return answer.body();
    }

    private Answer raw(String method, String path, @Nullable String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
                .header("Content-Type", contentType).header("Accept", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode parsed;
            try {
                parsed = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            } catch (IOException notJson) {
                parsed = JSON.createObjectNode().put("text", response.body());
            }
            return new Answer(response.statusCode(), parsed);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + baseUrl + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + path, e);
        }
    }

    public boolean exists(String index) {
        return send("HEAD", "/" + encode(index), null).status() == 200;
    }

    public void deleteIndex(String index) {
        Answer answer = send("DELETE", "/" + encode(index), null);
        if (!answer.ok() && answer.status() != 404) {
            throw new IllegalStateException("DELETE /" + index + " answered " + answer.status() + ": " + answer.body());
        }
    }

    public void refresh(String index) {
        call("POST", "/" + encode(index) + "/_refresh", null);
    }

    /** Indexes a document (refresh=true); {@code id} null lets Elasticsearch pick one. Returns the id. */
    public String index(String index, @Nullable String id, Object document) {
        String path = "/" + encode(index) + (id == null ? "/_doc" : "/_doc/" + encode(id)) + "?refresh=true";
        return call(id == null ? "POST" : "PUT", path, document).path("_id").asText();
    }

    public Optional<JsonNode> get(String index, String id) {
        Answer answer = send("GET", "/" + encode(index) + "/_doc/" + encode(id), null);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        if (!answer.ok()) {
            throw new IllegalStateException("GET " + index + "/" + id + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.body().path("found").asBoolean(false) ? Optional.of(answer.body().path("_source")) : Optional.empty();
    }

    public void delete(String index, String id) {
        Answer answer = send("DELETE", "/" + encode(index) + "/_doc/" + encode(id) + "?refresh=true", null);
        if (!answer.ok() && answer.status() != 404) {
            throw new IllegalStateException("DELETE " + index + "/" + id + " answered " + answer.status() + ": " + answer.body());
        }
    }

    public long count(String index, @Nullable Object query) {
        Object body = query == null ? null : JSON.createObjectNode().set("query", JSON.valueToTree(query));
        return call("POST", "/" + encode(index) + "/_count", body).path("count").asLong();
    }

    public JsonNode search(String index, Object body) {
        return call("POST", "/" + encode(index) + "/_search", body);
    }

    /** Runs the searches in one {@code _msearch} request; emits one response per search, in order. */
    public List<JsonNode> msearch(String index, List<? extends JsonNode> searches) {
        StringBuilder ndjson = new StringBuilder();
        ObjectNode header = JSON.createObjectNode().put("index", index);
        for (JsonNode search : searches) {
            ndjson.append(header).append('\n').append(search).append('\n');
        }
        Answer answer = raw("POST", "/_msearch", ndjson.toString(), "application/x-ndjson");
        if (!answer.ok()) {
            throw new IllegalStateException("_msearch answered " + answer.status() + ": " + abbreviate(answer.body().toString()));
        }
        List<JsonNode> responses = new ArrayList<>();
        answer.body().path("responses").forEach(responses::add);
        if (responses.size() != searches.size()) {
            throw new IllegalStateException("_msearch answered " + responses.size() + " responses to " + searches.size() + " searches");
        }
        return responses;
    }

    /** Every hit of {@code query}, sorted by the keyword {@code sortField}, paged with {@code search_after}. */
    public List<JsonNode> scan(String index, JsonNode query, String sortField, List<String> sourceFields) {
        List<JsonNode> hits = new ArrayList<>();
        JsonNode after = null;
        while (true) {
            ObjectNode body = JSON.createObjectNode();
            body.put("size", 5000);
            body.set("query", query);
            body.putArray("sort").addObject().put(sortField, "asc");
            ArrayNode source = body.putArray("_source");
            sourceFields.forEach(source::add);
            body.put("track_total_hits", false);
            if (after != null) {
                body.set("search_after", after);
            }
            JsonNode page = search(index, body).path("hits").path("hits");
            if (page.isEmpty()) {
                return hits;
            }
            page.forEach(hits::add);
            after = page.get(page.size() - 1).path("sort");
        }
    }

    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String abbreviate(String text) {
        return text.length() <= 600 ? text : text.substring(0, 600) + "...";
    }

    @Override
    public void close() {
        http.close();
    }
}
