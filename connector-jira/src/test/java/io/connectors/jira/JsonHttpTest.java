package io.connectors.jira;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
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
import reactor.test.StepVerifier;

/** Jira's JSON bodies read into the requested types; an empty body is an empty answer. */
class JsonHttpTest {

    @Test
    void getJson_arrayBody_emitsTheList() {
        JsonHttp http = new JsonHttp(answering("[{\"key\": \"DEMO\"}, {\"key\": \"OPS\"}]"));

        StepVerifier.create(http.getJson("/rest/api/2/project", new TypeReference<List<Map<String, Object>>>() {}))
                .assertNext(projects -> assertThat(projects).extracting(p -> p.get("key")).containsExactly("DEMO", "OPS"))
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void getJson_emptyBody_completesEmpty() {
        StepVerifier.create(new JsonHttp(answering("")).getJson("/rest/api/2/myself", Map.class))
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    /** A client whose every GET answers {@code body}. */
    private static SourceHttpClient answering(String body) {
        return new SourceHttpClient() {
            @Override
            public HttpClientSettings settings() {
                throw new UnsupportedOperationException();
            }

            @Override
            public String url(String pathOrUrl) {
                return "http://jira.test" + pathOrUrl;
            }

            @Override
            public Mono<byte[]> get(String pathAndQuery) {
                return Mono.just(body.getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public Mono<byte[]> post(String pathAndQuery, byte[] requestBody, String contentType) {
                return get(pathAndQuery);
            }

            @Override
            public Flux<ByteBuffer> download(String pathOrUrl) {
                return Flux.empty();
            }

            @Override
            public void close() {}
        };
    }
}
