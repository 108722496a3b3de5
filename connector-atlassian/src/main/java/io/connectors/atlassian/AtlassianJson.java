package io.connectors.atlassian;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.connectors.api.ConnectorException;
import io.connectors.api.http.SourceHttpClient;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * JSON over the runtime's {@link SourceHttpClient}: the API hands out bytes, this reads them with one Jackson
 * configuration (lenient: Jira and Confluence add fields between versions).
 */
public final class AtlassianJson implements AutoCloseable {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final SourceHttpClient http;

    public AtlassianJson(SourceHttpClient http) {
        this.http = http;
    }

    public <T> Mono<T> getJson(String pathAndQuery, Class<T> type) {
        return getJson(pathAndQuery, MAPPER.constructType(type));
    }

    public <T> Mono<T> getJson(String pathAndQuery, TypeReference<T> type) {
        return getJson(pathAndQuery, MAPPER.constructType(type));
    }

    private <T> Mono<T> getJson(String pathAndQuery, JavaType type) {
        return http.get(pathAndQuery).flatMap(body -> decode(pathAndQuery, body, type));
    }

    public Flux<ByteBuffer> download(String pathOrUrl) {
        return http.download(pathOrUrl);
    }

    public String url(String path) {
        return http.url(path);
    }

    /**
     * A body that is empty or not the expected JSON is an error naming the path: every call read through here
     * answers JSON, and taking an empty answer for "nothing there" would let a full sync delete what is there.
     */
    private static <T> Mono<T> decode(String pathAndQuery, byte[] body, JavaType type) {
        if (body.length == 0) {
            return Mono.error(new ConnectorException("GET " + pathOnly(pathAndQuery)
                    + " answered 200 with an empty body where JSON was expected; the sync stops rather than take it for no data"));
        }
        T value;
        try {
            // a variable of type T, not readValue's result inline: inline, javac binds justOrEmpty(Optional) and every
            // answer failed with "ArrayList cannot be cast to Optional"
            value = MAPPER.readValue(body, type);
        } catch (IOException unreadable) {
            String path = pathOnly(pathAndQuery);
            String start = new String(body, 0, Math.min(body.length, 120), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
            String why = unreadable instanceof JacksonException json ? json.getOriginalMessage() : unreadable.getMessage();
            return Mono.error(new ConnectorException("GET " + path + " answered a body that is not the expected JSON ("
                    + why + "); it starts with: " + start));
        }
        return Mono.justOrEmpty(value);
    }

    private static String pathOnly(String pathAndQuery) {
        return pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
    }

    @Override
    public void close() {
        http.close();
    }
}
