package io.connectors.jira;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.connectors.api.ConnectorException;
import io.connectors.atlassian.AtlassianErrors;
import io.connectors.atlassian.AtlassianJson;
import io.connectors.api.http.HttpStatusException;
import io.connectors.api.http.StatusDecision;
import io.connectors.jira.model.Attachment;
import io.connectors.jira.model.Comment;
import io.connectors.jira.model.CommentPage;
import io.connectors.jira.model.Field;
import io.connectors.jira.model.Issue;
import io.connectors.jira.model.Project;
import io.connectors.jira.model.ProjectPage;
import io.connectors.jira.model.SearchPage;
import io.connectors.jira.model.ServerInfo;
import io.connectors.jira.model.User;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The Jira REST calls of this connector, paging included, for both flavours. Stateless apart from the HTTP client it
 * owns; every method is cold.
 */
final class JiraClient implements AutoCloseable {

    /** Issues per search page: the most Jira returns with all fields. */
    static final int ISSUE_PAGE = 100;
    /** Issues per page of a light search (a few small fields): Jira answers fewer when it wants, paging copes. */
    static final int LIGHT_PAGE = 1000;
    /** Every field, for documents. */
    static final String ALL_FIELDS = "*all";
    static final int COMMENT_PAGE = 100;
    static final int PROJECT_PAGE = 50;

    private static final TypeReference<List<Project>> PROJECTS = new TypeReference<>() {};
    private static final TypeReference<List<Field>> FIELDS = new TypeReference<>() {};

    private final AtlassianJson http;
    private final Flavor flavor;

    JiraClient(AtlassianJson http, Flavor flavor) {
        this.http = http;
        this.flavor = flavor;
    }

    Flavor flavor() {
        return flavor;
    }

    /** The authenticated user: {@code GET /rest/api/{2,3}/myself}; the cheapest call that checks the credentials. */
    Mono<User> myself() {
        return http.getJson(flavor.api("myself"), User.class);
    }

    Mono<ServerInfo> serverInfo() {
        return http.getJson("/rest/api/2/serverInfo", ServerInfo.class);
    }

    /** One project by key; a {@link HttpStatusException} with 404 when there is none. */
    Mono<Project> project(String key) {
        return http.getJson(flavor.api("project/" + encode(key)), Project.class);
    }

    /**
     * Every project the user can browse. Cloud pages {@code /rest/api/3/project/search}; Server answers the whole list
     * on {@code /rest/api/2/project}.
     */
    Flux<Project> projects() {
        if (flavor == Flavor.SERVER) {
            return http.getJson(flavor.api("project?expand=description,lead,url"), PROJECTS).flatMapIterable(list -> list);
        }
        return projectPage(0)
                .expand(page -> Boolean.TRUE.equals(page.isLast()) || page.projects().isEmpty()
                        || page.total() != null && page.startAt() + page.projects().size() >= page.total()
                        ? Mono.empty()
                        : projectPage(page.startAt() + page.projects().size()))
                .flatMapIterable(ProjectPage::projects);
    }

    private Mono<ProjectPage> projectPage(int startAt) {
        return http.getJson(flavor.api("project/search?startAt=" + startAt + "&maxResults=" + PROJECT_PAGE
                + "&expand=description,lead,url"), ProjectPage.class);
    }

    /** Custom field id to display name, from {@code GET /rest/api/{2,3}/field}. */
    Mono<Map<String, String>> customFieldNames() {
        return http.getJson(flavor.api("field"), FIELDS).map(fields -> {
            Map<String, String> names = new LinkedHashMap<>();
            for (Field field : fields) {
                if (field.custom()) {
                    names.put(field.id(), field.name());
                }
            }
            return names;
        });
    }

    /**
     * Every issue {@code jql} matches, all fields, page after page. A page is fetched when the one before is being
     * consumed (prefetch 1): flatMapIterable's default prefetch of 256 pages read a whole project ahead of a slower
     * sync, and a 100,000-issue Jira did not fit in the daemon's heap.
     */
    Flux<Issue> search(Jql jql) {
        return search(jql, ALL_FIELDS, ISSUE_PAGE);
    }

    /**
     * Every issue {@code jql} matches with only {@code fields} (comma-separated, as Jira's {@code fields} parameter),
     * {@code pageSize} a page at most; paged and prefetched like {@link #search(Jql)}.
     */
    Flux<Issue> search(Jql jql, String fields, int pageSize) {
        if (flavor == Flavor.CLOUD) {
            return cloudPage(jql, null, pageSize, fields)
                    .flatMap(page -> checkedCloudPage(null, page))
                    .expand(page -> Boolean.TRUE.equals(page.isLast())
                            ? Mono.empty()
                            : cloudPage(jql, page.nextPageToken(), pageSize, fields)
                                    .flatMap(next -> checkedCloudPage(page.nextPageToken(), next)))
                    .flatMapIterable(SearchPage::list, 1);
        }
        return serverPage(jql, 0, pageSize, fields)
                .flatMap(page -> checkedServerPage(0, page))
                .expand(page -> {
                    int next = page.startAt() + page.list().size();
                    return next >= page.total()
                            ? Mono.empty()
                            : serverPage(jql, next, pageSize, fields).flatMap(answer -> checkedServerPage(next, answer));
                })
                .flatMapIterable(SearchPage::list, 1);
    }

    /**
     * A Cloud search page that says how to go on: {@code isLast: true}, or a {@code nextPageToken} other than the
     * one it was asked with. Anything else would end the search early (a full sync would then delete the rest) or
     * never end it.
     */
    static Mono<SearchPage> checkedCloudPage(@Nullable String askedToken, SearchPage page) {
        if (Boolean.TRUE.equals(page.isLast())) {
            return Mono.just(page);
        }
        if (page.nextPageToken() == null || page.nextPageToken().isEmpty()) {
            return Mono.error(new ConnectorException("Jira issue search answered a page without isLast or nextPageToken"
                    + " (" + page.list().size() + " issues); the sync stops rather than miss the rest"));
        }
        if (page.nextPageToken().equals(askedToken)) {
            return Mono.error(new ConnectorException("Jira issue search paging does not advance: the page asked with a"
                    + " nextPageToken answered the same token again; the sync stops"));
        }
        return Mono.just(page);
    }

    /**
     * A Server search page with {@code total}, at the {@code startAt} asked for, and not empty while {@code total}
     * says more issues follow.
     */
    static Mono<SearchPage> checkedServerPage(int askedStartAt, SearchPage page) {
        if (page.total() == null) {
            return Mono.error(new ConnectorException("Jira issue search answered a page without total (startAt "
                    + askedStartAt + "); the sync stops rather than miss the rest"));
        }
        int startAt = page.startAt() == null ? askedStartAt : page.startAt();
        if (startAt != askedStartAt) {
            return Mono.error(new ConnectorException("Jira issue search paging does not advance: asked for startAt "
                    + askedStartAt + ", answered startAt " + startAt + "; the sync stops"));
        }
        if (page.list().isEmpty() && startAt < page.total()) {
            return Mono.error(new ConnectorException("Jira issue search answered no issues at startAt " + startAt
                    + " although total is " + page.total() + "; the sync stops rather than miss the rest"));
        }
        return Mono.just(new SearchPage(page.issues(), page.nextPageToken(), page.isLast(), startAt, page.maxResults(), page.total()));
    }

    /** Runs {@code jql} for one issue: completes when Jira accepts the query, errors (400 for bad JQL) when not. */
    Mono<Void> check(Jql jql) {
        return (flavor == Flavor.CLOUD ? cloudPage(jql, null, 1, ALL_FIELDS) : serverPage(jql, 0, 1, ALL_FIELDS)).then();
    }

    private Mono<SearchPage> cloudPage(Jql jql, @Nullable String token, int size, String fields) {
        return http.getJson(flavor.api("search/jql?jql=" + encode(jql.toString()) + "&maxResults=" + size
                + "&fields=" + encode(fields) + (token == null ? "" : "&nextPageToken=" + encode(token))), SearchPage.class);
    }

    private Mono<SearchPage> serverPage(Jql jql, int startAt, int size, String fields) {
        return http.getJson(flavor.api("search?jql=" + encode(jql.toString()) + "&startAt=" + startAt
                + "&maxResults=" + size + "&fields=" + encode(fields)), SearchPage.class);
    }

    /**
     * All comments of {@code issue}: those search embedded, plus the rest from
     * {@code GET /rest/api/{2,3}/issue/{id}/comment} when the issue has more (or search left the field out).
     */
    Mono<List<Comment>> comments(Issue issue) {
        JsonNode field = issue.field("comment");
        if (!field.isObject()) {
            return commentsFrom(issue.id(), 0).collectList();
        }
        CommentPage embedded = AtlassianJson.MAPPER.convertValue(field, CommentPage.class);
        List<Comment> first = embedded.list();
        if (embedded.startAt() == 0 && first.size() >= embedded.total()) {
            return Mono.just(first);
        }
        int from = embedded.startAt() == 0 ? first.size() : 0;
        return commentsFrom(issue.id(), from).collectList().map(rest -> {
            List<Comment> all = new ArrayList<>(from == 0 ? List.of() : first);
            all.addAll(rest);
            return all;
        });
    }

    private Flux<Comment> commentsFrom(String issueId, int startAt) {
        return commentPage(issueId, startAt)
                .expand(page -> page.list().isEmpty() || page.startAt() + page.list().size() >= page.total()
                        ? Mono.empty()
                        : commentPage(issueId, page.startAt() + page.list().size()))
                .flatMapIterable(CommentPage::list);
    }

    private Mono<CommentPage> commentPage(String issueId, int startAt) {
        return http.getJson(flavor.api("issue/" + encode(issueId) + "/comment?startAt=" + startAt
                + "&maxResults=" + COMMENT_PAGE), CommentPage.class);
    }

    /** Where an attachment's bytes are: Cloud's content endpoint (it redirects), or Server's secure path. */
    String contentPath(Attachment attachment) {
        return flavor == Flavor.CLOUD
                ? flavor.api("attachment/content/" + encode(attachment.id()))
                : "/secure/attachment/" + encode(attachment.id()) + "/" + encode(attachment.filename());
    }

    /** The attachment's bytes, streamed; cold. */
    Flux<ByteBuffer> download(Attachment attachment) {
        return http.download(contentPath(attachment));
    }

    /** The absolute URL of a path on this Jira. */
    String url(String path) {
        return http.url(path);
    }

    /** Jira's own explanation in an error answer ({@code errorMessages} and {@code errors}), or the raw body. */
    static String jiraMessage(HttpStatusException error) {
        return AtlassianErrors.message(error);
    }

    static boolean is(Throwable error, StatusDecision decision) {
        return AtlassianErrors.is(error, decision);
    }

    static boolean isStatus(Throwable error, int code) {
        return AtlassianErrors.isStatus(error, code);
    }

    static String encode(String value) {
        return AtlassianErrors.encode(value);
    }

    @Override
    public void close() {
        http.close();
    }
}
