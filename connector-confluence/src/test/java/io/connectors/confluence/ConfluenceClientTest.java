package io.connectors.confluence;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.api.ConnectorException;
import io.connectors.api.http.HttpAuth;
import io.connectors.api.http.HttpClientSettings;
import io.connectors.api.http.HttpStatusException;
import io.connectors.api.http.SourceHttpClient;
import io.connectors.atlassian.AtlassianJson;
import io.connectors.confluence.model.Content;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class ConfluenceClientTest {

    /** Answers GETs by the longest key the path and query asked starts with, records them; anything else is a 404. */
    private static final class Answers implements SourceHttpClient {
        final Map<String, String> bodies;
        final List<String> asked = new ArrayList<>();

        Answers(Map<String, String> bodies) {
            this.bodies = bodies;
        }

        @Override
        public HttpClientSettings settings() {
            return HttpClientSettings.of("http://127.0.0.1:9/wiki", HttpAuth.none());
        }

        @Override
        public String url(String pathOrUrl) {
            return "http://127.0.0.1:9/wiki" + pathOrUrl;
        }

        @Override
        public Mono<byte[]> get(String pathAndQuery) {
            asked.add(pathAndQuery);
            String best = bodies.keySet().stream().filter(pathAndQuery::startsWith)
                    .max(java.util.Comparator.comparingInt(String::length)).orElse(null);
            if (best != null) {
                return Mono.just(bodies.get(best).getBytes(StandardCharsets.UTF_8));
            }
            return Mono.error(new HttpStatusException("GET", pathAndQuery, 404, "{\"statusCode\":404,\"message\":\"No space\"}", null));
        }

        @Override
        public Mono<byte[]> post(String pathAndQuery, byte[] body, String contentType) {
            return Mono.error(new UnsupportedOperationException());
        }

        @Override
        public Flux<ByteBuffer> download(String pathOrUrl) {
            return Flux.empty();
        }

        @Override
        public void close() {}
    }

    private static String page(String ids, String next, String context) {
        StringBuilder results = new StringBuilder();
        for (String id : ids.split(",")) {
            results.append(results.isEmpty() ? "" : ",").append("{\"id\":\"").append(id)
                    .append("\",\"type\":\"page\",\"status\":\"current\",\"title\":\"T").append(id).append("\"}");
        }
        return "{\"results\":[" + results + "],\"start\":0,\"limit\":2,\"size\":2,\"_links\":{\"context\":\"" + context + "\""
                + (next == null ? "" : ",\"next\":\"" + next + "\"") + "}}";
    }

    @Test
    void search_cloudCursorPaging_followsNextUntilAbsent() {
        Answers http = new Answers(Map.of(
                "/rest/api/content/search?next=true&cursor=c2", page("3", null, "/wiki"),
                "/rest/api/content/search?next=true&cursor=c1", page("2", "/rest/api/content/search?next=true&cursor=c2", "/wiki"),
                "/rest/api/content/search?cql=", page("1", "/rest/api/content/search?next=true&cursor=c1", "/wiki")));
        ConfluenceClient client = new ConfluenceClient(new AtlassianJson(http));

        StepVerifier.create(client.search(Cql.space("DEV")).map(Content::id)).expectNext("1", "2", "3").verifyComplete();
        assertThat(http.asked).hasSize(3);
        assertThat(http.asked.getFirst()).contains("cql=space%20%3D%20%22DEV%22").contains("expand=body.storage");
    }

    @Test
    void search_serverStartLimitPagingWithContextInLink_contextStrippedAndFollowed() {
        Answers http = new Answers(Map.of(
                "/rest/api/content/search?cql=x&start=2", page("3", null, "/confluence"),
                "/rest/api/content/search?cql=", page("1,2", "/confluence/rest/api/content/search?cql=x&start=2", "/confluence")));
        ConfluenceClient client = new ConfluenceClient(new AtlassianJson(http));

        StepVerifier.create(client.search(Cql.raw("type = page")).map(Content::id)).expectNext("1", "2", "3").verifyComplete();
        assertThat(http.asked.get(1)).isEqualTo("/rest/api/content/search?cql=x&start=2");
    }

    @Test
    void search_nextNamesThePageJustRead_failsInsteadOfLooping() {
        Answers http = new Answers(Map.of(
                "/rest/api/content/search?cql=x&start=2", page("3", "/rest/api/content/search?cql=x&start=2", ""),
                "/rest/api/content/search?cql=", page("1,2", "/rest/api/content/search?cql=x&start=2", "")));
        ConfluenceClient client = new ConfluenceClient(new AtlassianJson(http));

        StepVerifier.create(client.search(Cql.raw("type = page")).map(Content::id)).expectNext("1", "2", "3")
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(ConnectorException.class)
                        .hasMessageContaining("paging does not advance"))
                .verify();
    }

    @Test
    void search_emptyBody_errorNotNoData() {
        Answers http = new Answers(Map.of("/rest/api/content/search", ""));
        ConfluenceClient client = new ConfluenceClient(new AtlassianJson(http));

        StepVerifier.create(client.search(Cql.raw("type = page")))
                .expectErrorSatisfies(error -> assertThat(error).hasMessageContaining("empty body"))
                .verify();
    }

    @Test
    void space_unknownKey_404WithConfluenceMessage() {
        ConfluenceClient client = new ConfluenceClient(new AtlassianJson(new Answers(Map.of())));

        StepVerifier.create(client.space("NOPE"))
                .expectErrorSatisfies(error -> assertThat(io.connectors.atlassian.AtlassianErrors.message((HttpStatusException) error))
                        .isEqualTo("No space"))
                .verify();
    }

    @Test
    void spaces_absoluteNextLink_usedAsIs() {
        Answers http = new Answers(Map.of(
                "http://127.0.0.1:9/wiki/rest/api/space?start=1", "{\"results\":[{\"id\":\"2\",\"key\":\"B\"}],\"_links\":{}}",
                "/rest/api/space?limit=", "{\"results\":[{\"id\":\"1\",\"key\":\"A\"}],\"_links\":{\"next\":\"http://127.0.0.1:9/wiki/rest/api/space?start=1\"}}"));
        ConfluenceClient client = new ConfluenceClient(new AtlassianJson(http));

        StepVerifier.create(client.spaces().map(space -> space.key())).expectNext("A", "B").verifyComplete();
    }
}
