package io.connectors.atlassian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import io.connectors.api.ConnectorException;
import io.connectors.api.http.HttpAuth;
import io.connectors.api.http.HttpClientSettings;
import io.connectors.api.http.SourceHttpClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class AtlassianJsonTest {

    /** Answers every GET with {@code body}. */
    private static AtlassianJson answering(String body) {
        return new AtlassianJson(new SourceHttpClient() {
            @Override
            public HttpClientSettings settings() {
                return HttpClientSettings.of("http://127.0.0.1:9", HttpAuth.none());
            }

            @Override
            public String url(String pathOrUrl) {
                return "http://127.0.0.1:9" + pathOrUrl;
            }

            @Override
            public Mono<byte[]> get(String pathAndQuery) {
                return Mono.just(body.getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public Mono<byte[]> post(String pathAndQuery, byte[] content, String contentType) {
                return Mono.error(new UnsupportedOperationException());
            }

            @Override
            public Flux<ByteBuffer> download(String pathOrUrl) {
                return Flux.error(new UnsupportedOperationException());
            }

            @Override
            public void close() {}
        });
    }

    @Test
    void getJson_aJsonArray_isEmittedAsTheList() {
        List<Map<String, Object>> projects = answering("[{\"key\":\"A\"},{\"key\":\"B\"}]")
                .getJson("/rest/api/2/project", new TypeReference<List<Map<String, Object>>>() {})
                .block(Duration.ofSeconds(5));

        assertThat(projects).extracting(project -> project.get("key")).containsExactly("A", "B");
    }

    @Test
    void getJson_emptyBody_isAnErrorNamingThePath_notNoData() {
        assertThatThrownBy(() -> answering("").getJson("/rest/api/2/myself", Map.class).block(Duration.ofSeconds(5)))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("/rest/api/2/myself")
                .hasMessageContaining("empty body");
    }
}
