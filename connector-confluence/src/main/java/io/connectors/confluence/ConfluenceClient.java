package io.connectors.confluence;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.connectors.api.ConnectorException;
import io.connectors.atlassian.AtlassianJson;
import io.connectors.confluence.model.Content;
import io.connectors.confluence.model.ResultPage;
import io.connectors.confluence.model.Space;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static io.connectors.atlassian.AtlassianErrors.encode;

/**
 * The Confluence REST API v1 calls of this connector, the same on Cloud and Server/Data Center; paths are relative
 * to {@link ConfluenceConfig#apiUrl()}. Lists are followed through {@code _links.next}, which carries a cursor on
 * Cloud's content search and {@code start}/{@code limit} elsewhere: the client never builds a next page itself.
 * Stateless apart from the HTTP client it owns; every method is cold.
 */
final class ConfluenceClient implements AutoCloseable {

    /** Content per search page with bodies expanded: Confluence answers fewer when it wants, paging copes. */
    static final int CONTENT_PAGE = 50;
    static final int SPACE_PAGE = 50;
    static final int ATTACHMENT_PAGE = 50;
    /** What documents need of each piece of content. */
    static final String CONTENT_EXPAND = "body.storage,version,ancestors,space,metadata.labels,history,container";
    static final String ATTACHMENT_EXPAND = "version,space,container,metadata.labels,history";

    private static final TypeReference<ResultPage<Content>> CONTENT = new TypeReference<>() {};
    private static final TypeReference<ResultPage<Space>> SPACES = new TypeReference<>() {};

    private final AtlassianJson http;

    ConfluenceClient(AtlassianJson http) {
        this.http = http;
    }

    /** The authenticated user: {@code GET /rest/api/user/current}; cheap, and checks the credentials. */
    Mono<JsonNode> currentUser() {
        return http.getJson("/rest/api/user/current", JsonNode.class);
    }

    /** One space by key; a {@code HttpStatusException} with 404 when there is none (or it is not visible). */
    Mono<Space> space(String key) {
        return http.getJson("/rest/api/space/" + encode(key) + "?expand=description.plain", Space.class);
    }

    /** Every current (not archived) space the user can see. */
    Flux<Space> spaces() {
        return paged("/rest/api/space?limit=" + SPACE_PAGE + "&status=current&expand=description.plain", SPACES, "space list");
    }

    /** Every piece of content {@code cql} matches, with {@link #CONTENT_EXPAND}. */
    Flux<Content> search(Cql cql) {
        return search(cql, CONTENT_PAGE);
    }

    Flux<Content> search(Cql cql, int limit) {
        return paged("/rest/api/content/search?cql=" + encode(cql.text()) + "&limit=" + limit + "&expand="
                + encode(CONTENT_EXPAND + ",extensions"), CONTENT, "content search");
    }

    /** Runs {@code cql} for one result: completes when Confluence accepts the query, errors (400) when not. */
    Mono<Void> check(Cql cql) {
        return http.getJson("/rest/api/content/search?cql=" + encode(cql.text()) + "&limit=1", CONTENT).then();
    }

    /** The attachments of a page or blog post: {@code GET /rest/api/content/{id}/child/attachment}. */
    Flux<Content> attachments(String contentId) {
        return paged("/rest/api/content/" + encode(contentId) + "/child/attachment?limit=" + ATTACHMENT_PAGE + "&expand="
                + encode(ATTACHMENT_EXPAND), CONTENT, "attachments of " + contentId);
    }

    /** An attachment's bytes from its {@code _links.download} (on Cloud a redirect to the media host); cold. */
    Flux<ByteBuffer> download(String downloadLink) {
        return http.download(downloadLink);
    }

    String url(String path) {
        return http.url(path);
    }

    /**
     * A list followed page after page through {@code _links.next}, one page ahead of the consumer (prefetch 1). A
     * next link equal to the one just followed would never end: it fails the sync instead.
     */
    private <T> Flux<T> paged(String first, TypeReference<ResultPage<T>> type, String what) {
        return http.getJson(first, type)
                .map(page -> new Followed<>(first, page))
                .expand(followed -> {
                    String next = followed.page().next();
                    if (next == null) {
                        return Mono.empty();
                    }
                    String path = relative(next, followed.page());
                    if (path.equals(followed.asked())) {
                        return Mono.error(new ConnectorException("Confluence " + what + " paging does not advance: _links.next"
                                + " names the page just read; the sync stops rather than loop"));
                    }
                    return http.getJson(path, type).map(page -> new Followed<>(path, page));
                })
                .flatMapIterable(followed -> followed.page().list(), 1);
    }

    private record Followed<T>(String asked, ResultPage<T> page) {}

    /**
     * {@code _links.next} is relative to the context path ({@code /wiki} on Cloud, e.g. {@code /confluence} on a
     * Server) which the configured URL already ends with; some versions include the context in the link.
     */
    static String relative(String next, ResultPage<?> page) {
        if (next.startsWith("http://") || next.startsWith("https://")) {
            return next;
        }
        @Nullable String context = page.links() == null ? null : page.links().context();
        if (context != null && !context.isEmpty() && next.startsWith(context + "/")) {
            return next.substring(context.length());
        }
        return next;
    }

    @Override
    public void close() {
        http.close();
    }
}
