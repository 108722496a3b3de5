package io.connectors.ftest.jira;

import static io.connectors.ftest.mock.MockHttpServer.encode;
import static io.connectors.ftest.mock.MockHttpServer.intParam;
import static io.connectors.ftest.mock.MockHttpServer.json;
import static io.connectors.ftest.mock.MockHttpServer.param;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectors.core.json.Json;
import io.connectors.ftest.jira.JiraData.AttachmentFile;
import io.connectors.ftest.jira.JiraData.Comment;
import io.connectors.ftest.jira.JiraData.Issue;
import io.connectors.ftest.jira.JiraData.Project;
import io.connectors.ftest.jira.JiraData.User;
import io.connectors.ftest.mock.Answer;
import io.connectors.ftest.mock.MockHttpServer;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.HttpServerRequest;

/**
 * A Jira that speaks the real REST wire format, on Reactor Netty, for tests and the ftest runner.
 *
 * <h2>Flavours</h2>
 * <ul>
 *   <li>{@link Flavor#CLOUD}: REST API v3 (and v2 for the calls that still exist on Cloud), descriptions and comments
 *       in ADF, issue search on {@code GET/POST /rest/api/3/search/jql} paged by {@code nextPageToken} (absent on
 *       the last page) and {@code isLast}, only ids unless {@code fields} is given; the removed
 *       {@code /rest/api/{2,3}/search} answer 410. Attachment content redirects (303) to a media "host" (the same
 *       port under the other loopback name). Basic auth with email and API token.</li>
 *   <li>{@link Flavor#SERVER}: REST API v2, wiki markup, {@code /rest/api/2/search} paged by
 *       {@code startAt}/{@code maxResults}/{@code total}, {@code /secure/attachment/{id}/{filename}}. Basic auth with
 *       user name and password, or a personal access token as Bearer.</li>
 * </ul>
 * Errors use Jira's body shape {@code {"errorMessages":[...],"errors":{}}}.
 *
 * <h2>Admin</h2>
 * {@code POST /_admin/issues} ({@code {"project","summary","description","labels","attachment":true}}),
 * {@code PUT /_admin/issues/{key}} ({@code {"summary","description","labels","comment"}}),
 * {@code DELETE /_admin/issues/{key}}, {@code GET /_admin/stats}, {@code POST /_admin/stats/reset},
 * {@code PUT /_admin/faults} ({@link Faults} as JSON: {@code rateLimitEvery},
 * {@code retryAfterSeconds}, {@code errorBurstEvery}, {@code errorBurstLength}, {@code latencyMillis},
 * {@code searchFault}, {@code searchFaultAfter}, {@code timeoutEvery}, {@code timeoutAfterMillis}). No auth, no faults. {@code PUT /_admin/issues/{key}} also takes
 * {@code "attachment": true} (a text attachment added).
 *
 * <h2>Webhooks</h2>
 * {@code PUT /_admin/webhook} ({@code {"url","secret"}}, or {@link #webhook}) makes the mock post Jira's webhook
 * events for its admin mutations, signed with the secret ({@code X-Hub-Signature: sha256=<hex HMAC-SHA256>}), after
 * the change, as Jira Cloud does: {@code jira:issue_created}, {@code jira:issue_updated} (every change),
 * {@code comment_created} (a comment added), {@code attachment_created} (the attachment alone, no issue, as on Cloud),
 * {@code jira:issue_deleted} (the issue as it was, attachments included). {@code DELETE /_admin/webhook} stops them;
 * {@code GET /_admin/stats} counts the answers under {@code webhooks}.
 *
 * <p>Binding, admin dispatch, the injected faults (429, 500, unanswered requests, latency) and the request counters
 * are {@link MockHttpServer}'s, shared with {@link io.connectors.ftest.confluence.MockConfluence}.
 */
public final class MockJira implements AutoCloseable {

    public enum Flavor { CLOUD, SERVER }

    /**
     * How to start a mock.
     *
     * @param oversizedBytes   size of the one oversized attachment
     * @param serverMaxResults Server's cap on a search page, an administrator's setting in Jira
     *                         ({@code jira.search.views.default.max}, 1000 unless changed)
     */
    public record Options(Flavor flavor, String host, int port, long seed, int projects, int issues, String user,
                          String secret, String personalAccessToken, int oversizedBytes, Faults faults,
                          int serverMaxResults) {

        public static Options of(Flavor flavor, int issues) {
            return new Options(flavor, "127.0.0.1", 0, 42, 3, issues,
                    flavor == Flavor.CLOUD ? "jane@example.com" : "jane", "secret-token", "pat-secret", 3 << 20, Faults.NONE, 1000);
        }

        public Options withFaults(Faults value) {
            return new Options(flavor, host, port, seed, projects, issues, user, secret, personalAccessToken, oversizedBytes, value, serverMaxResults);
        }

        public Options withPort(int value) {
            return new Options(flavor, host, value, seed, projects, issues, user, secret, personalAccessToken, oversizedBytes, faults, serverMaxResults);
        }

        public Options withSeed(long value) {
            return new Options(flavor, host, port, value, projects, issues, user, secret, personalAccessToken, oversizedBytes, faults, serverMaxResults);
        }

        public Options withProjects(int value) {
            return new Options(flavor, host, port, seed, value, issues, user, secret, personalAccessToken, oversizedBytes, faults, serverMaxResults);
        }

        public Options withOversizedBytes(int value) {
            return new Options(flavor, host, port, seed, projects, issues, user, secret, personalAccessToken, value, faults, serverMaxResults);
        }

        public Options withServerMaxResults(int value) {
            return new Options(flavor, host, port, seed, projects, issues, user, secret, personalAccessToken, oversizedBytes, faults, value);
        }
    }

    /** The time zone of the mock's user: JQL dates are read in it, timestamps are written in it. */
    static final ZoneId USER_ZONE = ZoneId.of("Europe/Berlin");
    /** How many comments search embeds in an issue's {@code comment} field; the rest is paged on the comment endpoint. */
    static final int EMBEDDED_COMMENTS = 20;

    private static final DateTimeFormatter JIRA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(USER_ZONE);
    private static final ObjectMapper JSON = Json.mapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern PROJECT = Pattern.compile("/rest/api/([23])/project/([^/]+)");
    private static final Pattern ISSUE = Pattern.compile("/rest/api/([23])/issue/([^/]+)");
    private static final Pattern COMMENTS = Pattern.compile("/rest/api/([23])/issue/([^/]+)/comment");
    private static final Pattern CLOUD_CONTENT = Pattern.compile("/rest/api/([23])/attachment/content/(\\d+)");
    private static final Pattern ATTACHMENT_META = Pattern.compile("/rest/api/([23])/attachment/(\\d+)");
    private static final Pattern SERVER_CONTENT = Pattern.compile("/secure/attachment/(\\d+)/([^/]+)");
    private static final Pattern MEDIA = Pattern.compile("/_media/file/(\\d+)");
    private static final Pattern ADMIN_ISSUE = Pattern.compile("/_admin/issues/([^/]+)");

    private final Options options;
    private final JiraData data;

    /**
     * The sorted matches of the latest searches, by query and data version, so that the pages of one search are cut
     * from one list: a real Jira answers pages from its index, and filtering and sorting every issue again for each
     * page made a 50,000-issue listing cost this mock far more than the client it serves (docs/performance.md).
     */
    private final Map<String, List<Issue>> matches = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, List<Issue>> eldest) {
                    return size() > 32;
                }
            });
    private final MockHttpServer server;
    private final AtomicLong searchRequests = new AtomicLong();
    private final AtomicInteger unauthorized = new AtomicInteger();
    private final AtomicInteger mediaWithAuthorization = new AtomicInteger();
    private final AtomicLong fullIssuesServed = new AtomicLong();
    private final AtomicLong partialIssuesServed = new AtomicLong();
    private final AtomicLong attachmentContentServed = new AtomicLong();
    private final JiraWebhooks webhooks = new JiraWebhooks();

    private MockJira(Options options) {
        this.options = options;
        this.data = JiraData.generate(options.seed(), options.projects(), options.issues(), options.oversizedBytes());
        this.server = MockHttpServer.start(options.host(), options.port(), options.faults(),
                new MockHttpServer.Wire(MockJira::error, "Rate limit exceeded.", "Internal server error (injected).", MockJira::template),
                (request, path, body, active) -> withSearchFault(active, request, path, route(request, path, body)),
                this::admin);
    }

    public static MockJira start(Options options) {
        return new MockJira(options);
    }

    /** The base URL, e.g. {@code http://127.0.0.1:40123}. */
    public String url() {
        return server.url();
    }

    public Flavor flavor() {
        return options.flavor();
    }

    public Options options() {
        return options;
    }

    public JiraData data() {
        return data;
    }

    /** Replaces the faults; the count of {@link Faults#searchFaultAfter()} starts again. */
    public void faults(Faults value) {
        searchRequests.set(0);
        server.faults(value);
    }

    /**
     * Counters since start or the last reset: requests (by endpoint template), {@code bytes_served} (response bodies
     * of the API, attachments included, admin excluded), {@code full_issues_served} (issues rendered with every
     * field, by search or {@code GET issue}), {@code partial_issues_served} (issues rendered with the requested
     * {@code fields} only) and {@code attachment_contents_served}.
     */
    public long bytesServed() {
        return server.bytesServed();
    }

    /**
     * Posts signed webhook events for every later admin mutation to {@code url}; a null {@code secret} sends them
     * unsigned, a null {@code url} stops them.
     */
    public void webhook(@Nullable String url, @Nullable String secret) {
        webhooks.target(url == null ? null : new JiraWebhooks.Target(url, secret));
    }

    /** A webhook body as Jira would post it, and its {@code X-Hub-Signature} header value. */
    public record SignedEvent(byte[] body, String signature) {}

    /**
     * Changes an issue's summary as {@code PUT /_admin/issues/{key}} does, but posts nothing: answers the
     * {@code jira:issue_updated} event Jira would post for the change, signed with {@code secret}, for a caller that
     * sends (and times) the webhook itself, as the bench's webhook latency phase does.
     */
    public SignedEvent updateSummary(String key, String summary, String secret) {
        Issue issue = data.update(key, summary, null, null, null);
        byte[] body = issueEvent("jira:issue_updated", "issue_generic", issue).toString().getBytes(StandardCharsets.UTF_8);
        return new SignedEvent(body, JiraWebhooks.sign(secret, body));
    }

    /** Counters since start or the last reset. */
    public Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        server.putCounters(stats);
        stats.put("unauthorized", unauthorized.get());
        stats.put("media_requests_with_authorization", mediaWithAuthorization.get());
        stats.put("by_endpoint", server.byEndpoint());
        stats.put("bytes_served", server.bytesServed());
        stats.put("full_issues_served", fullIssuesServed.get());
        stats.put("partial_issues_served", partialIssuesServed.get());
        stats.put("attachment_contents_served", attachmentContentServed.get());
        stats.put("webhooks", webhooks.stats());
        return stats;
    }

    public void resetStats() {
        server.resetStats();
        unauthorized.set(0);
        mediaWithAuthorization.set(0);
        fullIssuesServed.set(0);
        partialIssuesServed.set(0);
        attachmentContentServed.set(0);
    }

    @Override
    public void close() {
        server.close();
    }

    // ---------------------------------------------------------------- dispatch

    private Answer route(HttpServerRequest request, String path, String body) {
        QueryStringDecoder query = new QueryStringDecoder(request.uri());
        String method = request.method().name();
        Matcher media = MEDIA.matcher(path);
        if (media.matches()) {
            if (request.requestHeaders().contains(HttpHeaderNames.AUTHORIZATION)) {
                mediaWithAuthorization.incrementAndGet();
            }
            return content(media.group(1));
        }
        if (!authenticated(request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION))) {
            unauthorized.incrementAndGet();
            return error(401, "You are not authenticated. Authentication required to perform this operation.");
        }
        boolean cloud = options.flavor() == Flavor.CLOUD;
        String v = cloud ? "3" : "2";
        Matcher m;
        if (path.equals("/rest/api/2/serverInfo") || path.equals("/rest/api/3/serverInfo")) {
            return json(serverInfo());
        }
        if (!cloud && path.startsWith("/rest/api/3/")) {
            return error(404, "null for uri: " + url() + path);
        }
        if (path.equals("/rest/api/" + v + "/myself") || path.equals("/rest/api/2/myself")) {
            return json(user(JiraData.USERS.get(0), true));
        }
        if (path.equals("/rest/api/" + v + "/field") || path.equals("/rest/api/2/field")) {
            return json(fields());
        }
        if (path.equals("/rest/api/" + v + "/project") || path.equals("/rest/api/2/project")) {
            ArrayNode projects = NODES.arrayNode();
            data.projects().forEach(project -> projects.add(project(project)));
            return json(projects);
        }
        if (cloud && path.equals("/rest/api/3/project/search")) {
            return json(projectPage(query));
        }
        if ((m = PROJECT.matcher(path)).matches()) {
            String key = m.group(2);
            return data.project(key).map(project -> json(project(project)))
                    .orElseGet(() -> error(404, "No project could be found with key '" + key + "'."));
        }
        if (cloud && path.equals("/rest/api/3/search/jql")) {
            return cloudSearch(method, query, body);
        }
        if (path.equals("/rest/api/2/search") || path.equals("/rest/api/3/search")) {
            if (cloud) {
                return error(410, "The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. "
                        + "A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046");
            }
            return serverSearch(method, query, body);
        }
        if ((m = COMMENTS.matcher(path)).matches()) {
            String id = m.group(2);
            return data.issue(id).map(issue -> json(commentPage(issue, intParam(query, "startAt", 0),
                            Math.min(intParam(query, "maxResults", 50), 5000))))
                    .orElseGet(() -> error(404, "Issue does not exist or you do not have permission to see it."));
        }
        if ((m = ISSUE.matcher(path)).matches()) {
            String id = m.group(2);
            return data.issue(id).map(issue -> {
                        fullIssuesServed.incrementAndGet();
                        return json(issue(issue, true));
                    })
                    .orElseGet(() -> error(404, "Issue does not exist or you do not have permission to see it."));
        }
        if (cloud && (m = CLOUD_CONTENT.matcher(path)).matches()) {
            String id = m.group(2);
            if (data.attachment(id).isEmpty()) {
                return error(404, "The attachment with id '" + id + "' does not exist.");
            }
            return Answer.empty(303).header("Location", mediaUrl() + "/_media/file/" + id + "?token=mock-" + id);
        }
        if ((m = ATTACHMENT_META.matcher(path)).matches()) {
            String id = m.group(2);
            return data.attachment(id).map(attachment -> json(attachment(attachment)))
                    .orElseGet(() -> error(404, "The attachment with id '" + id + "' does not exist."));
        }
        if (!cloud && (m = SERVER_CONTENT.matcher(path)).matches()) {
            return content(m.group(1));
        }
        return error(404, "null for uri: " + url() + path);
    }

    /** Applies {@link Faults#searchFault()} to an issue search answer (see {@link Faults.SearchFault}). */
    private Answer withSearchFault(Faults active, HttpServerRequest request, String path, Answer answer) {
        boolean search = path.equals("/rest/api/3/search/jql") || path.equals("/rest/api/2/search");
        if (!search || active.searchFault() == Faults.SearchFault.NONE || answer.status() != 200
                || searchRequests.incrementAndGet() <= active.searchFaultAfter()) {
            return answer;
        }
        QueryStringDecoder query = new QueryStringDecoder(request.uri());
        String token = param(query, "nextPageToken", null);
        int startAt = intParam(query, "startAt", 0);
        try {
            ObjectNode page = (ObjectNode) JSON.readTree(answer.body());
            switch (active.searchFault()) {
                case NOT_FOUND -> {
                    return error(404, "The value does not exist for the field 'project'.");
                }
                case GONE -> {
                    return error(410, "The requested API has been removed.");
                }
                case EMPTY_BODY -> {
                    return new Answer(200, new byte[0], answer.contentType());
                }
                case TRUNCATED_BODY -> {
                    return new Answer(200, java.util.Arrays.copyOf(answer.body(), answer.body().length / 2), answer.contentType());
                }
                case NO_PAGING -> {
                    page.remove(List.of("total", "nextPageToken", "isLast"));
                    return json(page);
                }
                case STUCK_PAGING -> {
                    if (token != null) {
                        page.put("nextPageToken", token).put("isLast", false);
                    } else if (startAt > 0) {
                        page.put("startAt", 0);
                    }
                    return json(page);
                }
                default -> {
                    return answer;
                }
            }
        } catch (java.io.IOException notJson) {
            return answer;
        }
    }

    private boolean authenticated(@Nullable String authorization) {
        if (authorization == null) {
            return false;
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return options.flavor() == Flavor.SERVER && authorization.substring(7).strip().equals(options.personalAccessToken());
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String expected = options.user() + ":" + options.secret();
            try {
                return new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8).equals(expected);
            } catch (IllegalArgumentException notBase64) {
                return false;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- search

    private Answer cloudSearch(String method, QueryStringDecoder query, String body) {
        String jql;
        @Nullable String token;
        int maxResults;
        List<String> fields;
        try {
            if (method.equals("POST")) {
                JsonNode request = JSON.readTree(body.isBlank() ? "{}" : body);
                jql = request.path("jql").asText("");
                token = request.path("nextPageToken").isTextual() ? request.path("nextPageToken").asText() : null;
                maxResults = request.path("maxResults").asInt(50);
                fields = new ArrayList<>();
                request.path("fields").forEach(field -> fields.add(field.asText()));
            } else {
                jql = param(query, "jql", "");
                token = param(query, "nextPageToken", null);
                maxResults = intParam(query, "maxResults", 50);
                fields = new ArrayList<>();
                for (String value : query.parameters().getOrDefault("fields", List.of())) {
                    fields.addAll(List.of(value.split(",")));
                }
            }
        } catch (Exception unreadable) {
            return error(400, "Invalid request payload. Refer to the REST API documentation and try again.");
        }
        MockJql.Query parsed;
        try {
            parsed = MockJql.parse(jql, data, USER_ZONE);
        } catch (MockJql.JqlException invalid) {
            return error(400, invalid.getMessage());
        }
        if (!parsed.bounded()) {
            return error(400, "Unbounded JQL queries are not allowed here. Please add a search restriction to your query.");
        }
        int offset = 0;
        if (token != null) {
            try {
                String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
                offset = Integer.parseInt(decoded.substring(decoded.indexOf(':') + 1));
            } catch (RuntimeException badToken) {
                return error(400, "The provided next page token is invalid or expired.");
            }
        }
        boolean allFields = fields.stream().anyMatch(field -> field.equals("*all") || field.equals("*navigable"));
        int size = Math.max(1, Math.min(maxResults, fields.isEmpty() ? 5000 : 100));
        List<Issue> matching = matching(jql, parsed);
        List<Issue> page = matching.subList(Math.min(offset, matching.size()), Math.min(offset + size, matching.size()));
        ObjectNode result = NODES.objectNode();
        ArrayNode issues = result.putArray("issues");
        for (Issue issue : page) {
            issues.add(render(issue, allFields, fields));
        }
        boolean last = offset + page.size() >= matching.size();
        if (!last) {
            result.put("nextPageToken", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(("o:" + (offset + page.size())).getBytes(StandardCharsets.UTF_8)));
        }
        result.put("isLast", last);
        return json(result);
    }

    private Answer serverSearch(String method, QueryStringDecoder query, String body) {
        String jql;
        int startAt;
        int maxResults;
        List<String> fields = new ArrayList<>();
        try {
            if (method.equals("POST")) {
                JsonNode request = JSON.readTree(body.isBlank() ? "{}" : body);
                jql = request.path("jql").asText("");
                startAt = request.path("startAt").asInt(0);
                maxResults = request.path("maxResults").asInt(50);
                request.path("fields").forEach(field -> fields.add(field.asText()));
            } else {
                jql = param(query, "jql", "");
                startAt = intParam(query, "startAt", 0);
                maxResults = intParam(query, "maxResults", 50);
                for (String value : query.parameters().getOrDefault("fields", List.of())) {
                    fields.addAll(List.of(value.split(",")));
                }
            }
        } catch (Exception unreadable) {
            return error(400, "Invalid request payload.");
        }
        MockJql.Query parsed;
        try {
            parsed = MockJql.parse(jql, data, USER_ZONE);
        } catch (MockJql.JqlException invalid) {
            return error(400, invalid.getMessage());
        }
        int size = Math.max(0, Math.min(maxResults, options.serverMaxResults()));
        List<Issue> matching = matching(jql, parsed);
        int from = Math.max(0, Math.min(startAt, matching.size()));
        List<Issue> page = matching.subList(from, Math.min(from + size, matching.size()));
        ObjectNode result = NODES.objectNode();
        result.put("expand", "schema,names");
        result.put("startAt", startAt);
        result.put("maxResults", size);
        result.put("total", matching.size());
        ArrayNode issues = result.putArray("issues");
        // Server's default (no fields parameter) is every navigable field: the whole issue here
        boolean allFields = fields.isEmpty() || fields.stream().anyMatch(field -> field.equals("*all") || field.equals("*navigable"));
        page.forEach(issue -> issues.add(render(issue, allFields, fields)));
        return json(result);
    }

    // ---------------------------------------------------------------- rendering

    private ObjectNode issue(Issue issue, boolean allComments) {
        boolean cloud = options.flavor() == Flavor.CLOUD;
        ObjectNode node = NODES.objectNode();
        node.put("expand", "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations");
        node.put("id", issue.idText());
        node.put("self", url() + "/rest/api/" + (cloud ? "3" : "2") + "/issue/" + issue.id());
        node.put("key", issue.key());
        ObjectNode fields = node.putObject("fields");
        fields.put("summary", issue.summary());
        fields.set("description", richText("Details: " + issue.description(), issue.id()));
        Project project = data.project(issue.projectKey()).orElseThrow();
        ObjectNode projectNode = fields.putObject("project");
        projectNode.put("self", url() + "/rest/api/2/project/" + project.id());
        projectNode.put("id", project.id());
        projectNode.put("key", project.key());
        projectNode.put("name", project.name());
        projectNode.put("projectTypeKey", "software");
        named(fields.putObject("issuetype"), issue.type()).put("subtask", false);
        ObjectNode status = named(fields.putObject("status"), issue.status());
        ObjectNode category = status.putObject("statusCategory");
        category.put("id", issue.status().equals("Done") ? 3 : issue.status().equals("To Do") ? 2 : 4);
        category.put("key", issue.status().equals("Done") ? "done" : issue.status().equals("To Do") ? "new" : "indeterminate");
        category.put("name", issue.status());
        named(fields.putObject("priority"), issue.priority());
        ArrayNode labels = fields.putArray("labels");
        issue.labels().forEach(labels::add);
        fields.set("assignee", user(issue.assignee(), false));
        fields.set("reporter", user(issue.reporter(), false));
        fields.set("creator", user(issue.reporter(), false));
        fields.putNull("resolution");
        fields.putNull("duedate");
        fields.putArray("components");
        fields.putArray("fixVersions");
        fields.put("created", time(issue.created()));
        fields.put("updated", time(issue.updated()));
        fields.set("comment", commentPage(issue, 0, allComments ? 5000 : EMBEDDED_COMMENTS));
        ArrayNode attachments = fields.putArray("attachment");
        issue.attachments().forEach(attachment -> attachments.add(attachment(attachment)));
        fields.put("customfield_10016", issue.storyPoints());
        ObjectNode team = fields.putObject("customfield_10020");
        team.put("self", url() + "/rest/api/2/customFieldOption/" + (10100 + issue.team().length()));
        team.put("value", issue.team());
        team.put("id", Integer.toString(10100 + issue.team().length()));
        fields.set("customfield_10030", richText(issue.notes(), -1));
        fields.putNull("customfield_10040");
        return node;
    }

    /** An issue of a search answer: whole, or only the {@code fields} asked for (as Jira does), counted. */
    private ObjectNode render(Issue issue, boolean allFields, List<String> fields) {
        if (allFields) {
            fullIssuesServed.incrementAndGet();
            return issue(issue, false);
        }
        partialIssuesServed.incrementAndGet();
        return selectedFields(issue, fields);
    }

    private ObjectNode selectedFields(Issue issue, List<String> wanted) {
        ObjectNode full = null;
        ObjectNode node = NODES.objectNode();
        node.put("id", issue.idText());
        if (wanted.contains("key") || wanted.contains("*all")) {
            node.put("key", issue.key());
        }
        ObjectNode fields = NODES.objectNode();
        for (String field : wanted) {
            JsonNode value;
            switch (field) { // the light fields directly: the mock's own CPU is measured by the bench
                case "updated" -> value = NODES.textNode(time(issue.updated()));
                case "created" -> value = NODES.textNode(time(issue.created()));
                case "attachment" -> {
                    ArrayNode attachments = NODES.arrayNode();
                    issue.attachments().forEach(attachment -> attachments.add(attachment(attachment)));
                    value = attachments;
                }
                default -> {
                    full = full == null ? issue(issue, false) : full;
                    value = full.path("fields").get(field);
                }
            }
            if (value != null) {
                fields.set(field, value);
            }
        }
        if (!fields.isEmpty()) {
            node.put("key", issue.key());
            node.set("fields", fields);
        }
        return node;
    }

    private ObjectNode commentPage(Issue issue, int startAt, int maxResults) {
        List<Comment> comments = issue.comments();
        int from = Math.max(0, Math.min(startAt, comments.size()));
        int to = Math.min(comments.size(), from + Math.max(0, maxResults));
        ObjectNode page = NODES.objectNode();
        ArrayNode list = page.putArray("comments");
        for (Comment comment : comments.subList(from, to)) {
            ObjectNode node = list.addObject();
            node.put("self", url() + "/rest/api/2/issue/" + issue.id() + "/comment/" + comment.id());
            node.put("id", comment.id());
            node.set("author", user(comment.author(), false));
            node.set("body", richText(comment.text(), -1));
            node.set("updateAuthor", user(comment.author(), false));
            node.put("created", time(comment.created()));
            node.put("updated", time(comment.updated()));
        }
        page.put("self", url() + "/rest/api/2/issue/" + issue.id() + "/comment");
        page.put("maxResults", maxResults);
        page.put("total", comments.size());
        page.put("startAt", startAt);
        return page;
    }

    private ObjectNode attachment(AttachmentFile attachment) {
        boolean cloud = options.flavor() == Flavor.CLOUD;
        ObjectNode node = NODES.objectNode();
        node.put("self", url() + "/rest/api/" + (cloud ? "3" : "2") + "/attachment/" + attachment.id());
        node.put("id", attachment.id());
        node.put("filename", attachment.filename());
        node.set("author", user(attachment.author(), false));
        node.put("created", time(attachment.created()));
        node.put("size", attachment.size());
        node.put("mimeType", attachment.mimeType());
        node.put("content", cloud
                ? url() + "/rest/api/3/attachment/content/" + attachment.id()
                : url() + "/secure/attachment/" + attachment.id() + "/" + encode(attachment.filename()));
        return node;
    }

    /** Cloud: an ADF document with a heading, a paragraph holding the text and a mention, and a bullet list. Server: wiki markup. */
    private JsonNode richText(String text, long issueId) {
        if (options.flavor() == Flavor.SERVER) {
            return NODES.textNode(issueId < 0 ? text : "h2. Overview\n*" + text + "*\n* first point\n* second point\n[~alice] see [docs|https://example.com/docs]");
        }
        ObjectNode doc = NODES.objectNode();
        doc.put("type", "doc");
        doc.put("version", 1);
        ArrayNode content = doc.putArray("content");
        if (issueId >= 0) {
            ObjectNode heading = content.addObject();
            heading.put("type", "heading");
            heading.putObject("attrs").put("level", 2);
            textNode(heading.putArray("content"), "Overview");
        }
        ObjectNode paragraph = content.addObject();
        paragraph.put("type", "paragraph");
        ArrayNode inline = paragraph.putArray("content");
        textNode(inline, text);
        if (issueId >= 0) {
            textNode(inline, " cc ");
            ObjectNode mention = inline.addObject();
            mention.put("type", "mention");
            mention.putObject("attrs").put("id", JiraData.USERS.get(0).accountId()).put("text", "@" + JiraData.USERS.get(0).displayName());
            ObjectNode list = content.addObject();
            list.put("type", "bulletList");
            ArrayNode items = list.putArray("content");
            for (String point : List.of("first point", "second point")) {
                ObjectNode item = items.addObject();
                item.put("type", "listItem");
                ObjectNode itemParagraph = item.putArray("content").addObject();
                itemParagraph.put("type", "paragraph");
                textNode(itemParagraph.putArray("content"), point);
            }
        }
        return doc;
    }

    private static void textNode(ArrayNode content, String text) {
        ObjectNode node = content.addObject();
        node.put("type", "text");
        node.put("text", text);
    }

    private ObjectNode user(User user, boolean withTimeZone) {
        ObjectNode node = NODES.objectNode();
        if (options.flavor() == Flavor.CLOUD) {
            node.put("self", url() + "/rest/api/3/user?accountId=" + user.accountId());
            node.put("accountId", user.accountId());
            node.put("accountType", "atlassian");
        } else {
            node.put("self", url() + "/rest/api/2/user?username=" + user.name());
            node.put("name", user.name());
            node.put("key", "JIRAUSER" + (10000 + user.name().length()));
        }
        node.put("emailAddress", user.email());
        node.put("displayName", user.displayName());
        node.put("active", true);
        if (withTimeZone || options.flavor() == Flavor.CLOUD) {
            node.put("timeZone", USER_ZONE.getId());
        }
        return node;
    }

    private ObjectNode project(Project project) {
        ObjectNode node = NODES.objectNode();
        node.put("expand", "description,lead,issueTypes,url,projectKeys,permissions,insight");
        node.put("self", url() + "/rest/api/2/project/" + project.id());
        node.put("id", project.id());
        node.put("key", project.key());
        node.put("description", project.description());
        node.set("lead", user(project.lead(), false));
        node.put("name", project.name());
        node.put("projectTypeKey", "software");
        node.put("archived", false);
        return node;
    }

    private ObjectNode projectPage(QueryStringDecoder query) {
        int startAt = intParam(query, "startAt", 0);
        int maxResults = Math.min(intParam(query, "maxResults", 50), 100);
        List<Project> projects = data.projects();
        int from = Math.min(startAt, projects.size());
        List<Project> page = projects.subList(from, Math.min(projects.size(), from + maxResults));
        ObjectNode node = NODES.objectNode();
        node.put("self", url() + "/rest/api/3/project/search?startAt=" + startAt + "&maxResults=" + maxResults);
        boolean last = from + page.size() >= projects.size();
        if (!last) {
            node.put("nextPage", url() + "/rest/api/3/project/search?startAt=" + (from + page.size()) + "&maxResults=" + maxResults);
        }
        node.put("maxResults", maxResults);
        node.put("startAt", startAt);
        node.put("total", projects.size());
        node.put("isLast", last);
        ArrayNode values = node.putArray("values");
        page.forEach(project -> values.add(project(project)));
        return node;
    }

    private ArrayNode fields() {
        ArrayNode fields = NODES.arrayNode();
        for (String[] system : new String[][] {{"summary", "Summary"}, {"description", "Description"}, {"status", "Status"},
                {"labels", "Labels"}, {"comment", "Comment"}, {"attachment", "Attachment"}, {"created", "Created"},
                {"updated", "Updated"}, {"assignee", "Assignee"}, {"priority", "Priority"}, {"issuetype", "Issue Type"}}) {
            fields.add(field(system[0], system[1], false, system[0]));
        }
        fields.add(field("customfield_10016", "Story Points", true, "number"));
        fields.add(field("customfield_10020", "Team", true, "option"));
        fields.add(field("customfield_10030", "Release Notes", true, "string"));
        fields.add(field("customfield_10040", "Unused Field", true, "string"));
        return fields;
    }

    private static ObjectNode field(String id, String name, boolean custom, String type) {
        ObjectNode node = NODES.objectNode();
        node.put("id", id);
        node.put("key", id);
        node.put("name", name);
        node.put("custom", custom);
        node.put("orderable", true);
        node.put("navigable", true);
        node.put("searchable", true);
        ArrayNode clauses = node.putArray("clauseNames");
        clauses.add(custom ? "cf[" + id.substring(id.indexOf('_') + 1) + "]" : id);
        ObjectNode schema = node.putObject("schema");
        schema.put("type", type);
        if (custom) {
            schema.put("custom", "com.atlassian.jira.plugin.system.customfieldtypes:" + type);
            schema.put("customId", Integer.parseInt(id.substring(id.indexOf('_') + 1)));
        }
        return node;
    }

    private ObjectNode serverInfo() {
        ObjectNode node = NODES.objectNode();
        node.put("baseUrl", url());
        boolean cloud = options.flavor() == Flavor.CLOUD;
        node.put("version", cloud ? "1001.0.0-SNAPSHOT" : "9.12.4");
        ArrayNode numbers = node.putArray("versionNumbers");
        for (int number : cloud ? new int[] {1001, 0, 0} : new int[] {9, 12, 4}) {
            numbers.add(number);
        }
        node.put("deploymentType", cloud ? "Cloud" : "Server");
        node.put("buildNumber", 100_000);
        node.put("buildDate", "2024-01-01T00:00:00.000+0000");
        node.put("serverTime", time(Instant.now()));
        node.put("scmInfo", "mock");
        node.put("serverTitle", "Mock Jira");
        return node;
    }

    private static ObjectNode named(ObjectNode node, String name) {
        node.put("self", "");
        node.put("id", Integer.toString(Math.abs(name.hashCode() % 10_000)));
        node.put("name", name);
        return node;
    }

    static String time(Instant instant) {
        return JIRA_TIME.format(instant);
    }

    // ---------------------------------------------------------------- attachments

    private Answer content(String id) {
        Optional<AttachmentFile> attachment = data.attachment(id);
        if (attachment.isEmpty()) {
            return error(404, "The attachment with id '" + id + "' does not exist.");
        }
        attachmentContentServed.incrementAndGet();
        return new Answer(200, attachment.get().bytes(), attachment.get().mimeType());
    }

    /** The same server under the other loopback name: a different host for the client, as Atlassian's media host is. */
    private String mediaUrl() {
        return server.otherLoopbackUrl();
    }

    // ---------------------------------------------------------------- admin

    private Answer admin(String method, String path, String body) {
        try {
            JsonNode request = JSON.readTree(body.isBlank() ? "{}" : body);
            Matcher m = ADMIN_ISSUE.matcher(path);
            if (method.equals("GET") && path.equals("/_admin/stats")) {
                return json(JSON.valueToTree(stats()));
            }
            if (method.equals("POST") && path.equals("/_admin/stats/reset")) {
                resetStats();
                return Answer.empty(204);
            }
            if (method.equals("PUT") && path.equals("/_admin/faults")) {
                faults(new Faults(request.path("rateLimitEvery").asInt(0), request.path("retryAfterSeconds").asInt(1),
                        request.path("errorBurstEvery").asInt(0), request.path("errorBurstLength").asInt(0),
                        Duration.ofMillis(request.path("latencyMillis").asLong(0)),
                        Faults.SearchFault.valueOf(request.path("searchFault").asText("NONE").toUpperCase(Locale.ROOT)),
                        request.path("searchFaultAfter").asInt(0), request.path("timeoutEvery").asInt(0),
                        Duration.ofMillis(request.path("timeoutAfterMillis").asLong(0))));
                return Answer.empty(204);
            }
            if (method.equals("PUT") && path.equals("/_admin/webhook")) {
                webhook(request.path("url").asText(), request.path("secret").isTextual() ? request.path("secret").asText() : null);
                return Answer.empty(204);
            }
            if (method.equals("DELETE") && path.equals("/_admin/webhook")) {
                webhook(null, null);
                return Answer.empty(204);
            }
            if (method.equals("POST") && path.equals("/_admin/issues")) {
                Issue issue = data.add(request.path("project").asText(), request.path("summary").asText("New issue"),
                        request.path("description").isTextual() ? request.path("description").asText() : null,
                        strings(request.path("labels")), request.path("attachment").asBoolean(false));
                notify(issueEvent("jira:issue_created", "issue_created", issue));
                return new Answer(201, JSON.writeValueAsBytes(Map.of("id", issue.idText(), "key", issue.key())), "application/json");
            }
            if (method.equals("PUT") && m.matches()) {
                Issue issue = data.update(m.group(1), text(request, "summary"), text(request, "description"),
                        request.has("labels") ? strings(request.path("labels")) : null, text(request, "comment"));
                List<ObjectNode> events = new ArrayList<>();
                if (request.path("attachment").asBoolean(false)) {
                    issue = data.attach(issue.key());
                    events.add(attachmentEvent(issue.attachments().getLast()));
                }
                if (text(request, "comment") != null) {
                    events.add(commentEvent(issue, issue.comments().getLast()));
                }
                events.add(issueEvent("jira:issue_updated", text(request, "comment") != null ? "issue_commented" : "issue_generic", issue));
                notify(events.toArray(ObjectNode[]::new));
                return json(JSON.valueToTree(Map.of("id", issue.idText(), "key", issue.key(), "updated", time(issue.updated()))));
            }
            if (method.equals("DELETE") && m.matches()) {
                Optional<Issue> before = data.issue(m.group(1));
                if (before.isEmpty() || !data.delete(m.group(1))) {
                    return error(404, "Issue does not exist or you do not have permission to see it.");
                }
                notify(issueEvent("jira:issue_deleted", "issue_deleted", before.get()));
                return Answer.empty(204);
            }
            return error(404, "Unknown admin endpoint " + method + " " + path);
        } catch (IllegalArgumentException invalid) {
            return error(400, invalid.getMessage());
        } catch (Exception unreadable) {
            return error(400, "Unreadable request: " + unreadable.getMessage());
        }
    }

    // ---------------------------------------------------------------- webhooks

    /** Sends the events one after the other, after the change, without holding up the admin answer (as Jira does). */
    private void notify(ObjectNode... events) {
        reactor.core.publisher.Flux.fromArray(events).concatMap(webhooks::send).subscribe();
    }

    /** Jira Cloud's issue event: {@code timestamp}, {@code webhookEvent}, {@code issue_event_type_name}, user, issue. */
    private ObjectNode issueEvent(String webhookEvent, String issueEventType, Issue issue) {
        ObjectNode event = envelope(webhookEvent);
        event.put("issue_event_type_name", issueEventType);
        event.set("user", user(JiraData.users().iterator().next(), false));
        event.set("issue", issue(issue, false));
        return event;
    }

    /** Jira Cloud's comment event: the comment and a short form of its issue. */
    private ObjectNode commentEvent(Issue issue, Comment comment) {
        ObjectNode event = envelope("comment_created");
        ObjectNode node = event.putObject("comment");
        node.put("self", url() + "/rest/api/2/issue/" + issue.id() + "/comment/" + comment.id());
        node.put("id", comment.id());
        node.set("author", user(comment.author(), false));
        node.set("body", richText(comment.text(), -1));
        node.put("created", time(comment.created()));
        node.put("updated", time(comment.updated()));
        ObjectNode short_ = event.putObject("issue");
        short_.put("id", issue.idText());
        short_.put("self", url() + "/rest/api/2/issue/" + issue.id());
        short_.put("key", issue.key());
        ObjectNode fields = short_.putObject("fields");
        fields.put("summary", issue.summary());
        return event;
    }

    /** Jira Cloud's attachment event: the attachment alone (no issue). */
    private ObjectNode attachmentEvent(AttachmentFile attachment) {
        ObjectNode event = envelope("attachment_created");
        event.set("attachment", attachment(attachment));
        return event;
    }

    private static ObjectNode envelope(String webhookEvent) {
        ObjectNode event = NODES.objectNode();
        event.put("timestamp", System.currentTimeMillis());
        event.put("webhookEvent", webhookEvent);
        return event;
    }

    private static @Nullable String text(JsonNode request, String name) {
        return request.path(name).isTextual() ? request.path(name).asText() : null;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    // ---------------------------------------------------------------- plumbing

    private static String template(String path) {
        return path.replaceAll("/\\d+", "/{id}").replaceAll("/(issue|project)/[^/]+", "/$1/{key}")
                .replaceAll("(/secure/attachment/\\{id})/.+", "$1/{filename}");
    }

    static Answer error(int status, String message) {
        ObjectNode body = NODES.objectNode();
        body.putArray("errorMessages").add(message);
        body.putObject("errors");
        return new Answer(status, body.toString().getBytes(StandardCharsets.UTF_8), "application/json;charset=UTF-8");
    }

    /**
     * Runs a mock until killed: {@code --port 8080 --flavor cloud|server --issues 500 --projects 3 --seed 42
     * [--faults]}. Prints the URL and credentials.
     */
    public static void main(String[] args) throws InterruptedException {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].replaceFirst("^--", "");
            boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
            flags.put(name, hasValue ? args[++i] : "true");
        }
        Flavor flavor = Flavor.valueOf(flags.getOrDefault("flavor", "cloud").toUpperCase(Locale.ROOT));
        Options options = Options.of(flavor, Integer.parseInt(flags.getOrDefault("issues", "500")))
                .withPort(Integer.parseInt(flags.getOrDefault("port", "0")))
                .withSeed(Long.parseLong(flags.getOrDefault("seed", "42")))
                .withProjects(Integer.parseInt(flags.getOrDefault("projects", "3")));
        if (Boolean.parseBoolean(flags.getOrDefault("faults", "false"))) {
            options = options.withFaults(Faults.standard());
        }
        MockJira mock = start(options);
        System.out.println("Mock Jira (" + flavor.name().toLowerCase(Locale.ROOT) + ") at " + mock.url() + " with "
                + options.issues() + " issues; user '" + options.user() + "', secret '" + options.secret()
                + "'" + (flavor == Flavor.SERVER ? ", personal access token '" + options.personalAccessToken() + "'" : ""));
        mock.server.onDispose().block();
    }

    /** The issues {@code jql} matches, in its order; computed once per query and version of the data. */
    private List<Issue> matching(String jql, MockJql.Query parsed) {
        String key = data.version() + "\u0000" + jql;
        return matches.computeIfAbsent(key, unused -> data.issues().stream().filter(parsed.filter()).sorted(parsed.order()).toList());
    }
}
