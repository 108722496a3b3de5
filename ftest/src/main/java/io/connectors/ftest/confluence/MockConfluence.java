package io.connectors.ftest.confluence;

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
import io.connectors.ftest.confluence.ConfluenceData.Attached;
import io.connectors.ftest.confluence.ConfluenceData.Content;
import io.connectors.ftest.confluence.ConfluenceData.Space;
import io.connectors.ftest.confluence.ConfluenceData.Status;
import io.connectors.ftest.confluence.MockCql.Item;
import io.connectors.ftest.jira.Faults;
import io.connectors.ftest.jira.JiraData.User;
import io.connectors.ftest.mock.Answer;
import io.connectors.ftest.mock.MockHttpServer;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.HttpServerRequest;

/**
 * A Confluence that speaks REST API v1's wire format, on Reactor Netty like {@link io.connectors.ftest.jira.MockJira}.
 *
 * <h2>Flavours</h2>
 * <ul>
 *   <li>{@link Flavor#CLOUD}: everything under the context path {@code /wiki}; content search pages carry a
 *       {@code cursor} in {@code _links.next}; attachment downloads ({@code /wiki/download/attachments/...}) redirect
 *       (302) to a media "host" (the same port under the other loopback name) that must not receive the
 *       Authorization header; Basic auth with email and API token; users by {@code accountId}.</li>
 *   <li>{@link Flavor#SERVER}: no context path, {@code start}/{@code limit} in {@code _links.next}, search pages capped at
 *       {@link #SERVER_MAX_LIMIT} whatever the client asks, downloads served directly; Basic auth with user name and
 *       password, or a personal access token as Bearer (Data Center).</li>
 * </ul>
 * Endpoints: {@code GET /rest/api/user/current}, {@code /rest/api/space} (paged, {@code status=current} leaves the
 * archived space out), {@code /rest/api/space/{key}}, {@code /rest/api/content/search?cql=&limit=&expand=}
 * ({@link MockCql}; archived content is returned with {@code status: archived}, trashed content is not returned),
 * {@code /rest/api/content/{id}}, {@code /rest/api/content/{id}/child/attachment} (403 on the restricted page). Errors
 * use Confluence's body {@code {"statusCode":..,"message":..}}.
 *
 * <h2>Admin</h2>
 * {@code POST /_admin/pages} ({@code {"space","title","attachment":true}}), {@code PUT /_admin/pages/{id}}
 * ({@code {"title","paragraph","comment":true}}), {@code DELETE /_admin/pages/{id}}, {@code GET /_admin/stats},
 * {@code POST /_admin/stats/reset}, {@code PUT /_admin/faults} ({@link Faults} as JSON). No auth, no faults.
 *
 * <p>Binding, admin dispatch, the injected faults (429, 500, unanswered requests, latency) and the request counters
 * are {@link MockHttpServer}'s, shared with {@link io.connectors.ftest.jira.MockJira}.
 */
public final class MockConfluence implements AutoCloseable {

    public enum Flavor { CLOUD, SERVER }

    /** The most results a Server search page holds, whatever {@code limit} asks (a site setting in Confluence). */
    static final int SERVER_MAX_LIMIT = 25;
    static final int CLOUD_MAX_LIMIT = 50;

    public record Options(Flavor flavor, String host, int port, long seed, int spaces, int pages, String user, String secret,
                          String personalAccessToken, int oversizedBytes, Faults faults) {

        public static Options of(Flavor flavor, int pages) {
            return new Options(flavor, "127.0.0.1", 0, 42, 3, pages, flavor == Flavor.CLOUD ? "jane@example.com" : "jane",
                    "secret-token", "pat-secret", 3 << 20, Faults.NONE);
        }

        public Options withFaults(Faults value) {
            return new Options(flavor, host, port, seed, spaces, pages, user, secret, personalAccessToken, oversizedBytes, value);
        }

        public Options withPort(int value) {
            return new Options(flavor, host, value, seed, spaces, pages, user, secret, personalAccessToken, oversizedBytes, faults);
        }

        public Options withSeed(long value) {
            return new Options(flavor, host, port, value, spaces, pages, user, secret, personalAccessToken, oversizedBytes, faults);
        }

        public Options withSpaces(int value) {
            return new Options(flavor, host, port, seed, value, pages, user, secret, personalAccessToken, oversizedBytes, faults);
        }

        public Options withOversizedBytes(int value) {
            return new Options(flavor, host, port, seed, spaces, pages, user, secret, personalAccessToken, value, faults);
        }
    }

    private static final ObjectMapper JSON = Json.mapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter SERVER_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.ofHours(1));
    private static final Pattern SPACE = Pattern.compile("/rest/api/space/([^/]+)");
    private static final Pattern CONTENT = Pattern.compile("/rest/api/content/(\\d+)");
    private static final Pattern CHILD_ATTACHMENTS = Pattern.compile("/rest/api/content/(\\d+)/child/attachment");
    private static final Pattern DOWNLOAD = Pattern.compile("/download/attachments/(\\d+)/([^/]+)");
    private static final Pattern MEDIA = Pattern.compile("/_media/file/(\\d+)");
    private static final Pattern ADMIN_PAGE = Pattern.compile("/_admin/pages/(\\d+)");

    private final Options options;
    private final ConfluenceData data;
    private final MockHttpServer server;
    private final AtomicInteger unauthorized = new AtomicInteger();
    private final AtomicInteger mediaWithAuthorization = new AtomicInteger();
    private final AtomicInteger forbidden = new AtomicInteger();
    private final AtomicInteger downloads = new AtomicInteger();

    private MockConfluence(Options options) {
        this.options = options;
        this.data = ConfluenceData.generate(options.seed(), options.spaces(), options.pages(), options.oversizedBytes());
        this.server = MockHttpServer.start(options.host(), options.port(), options.faults(),
                new MockHttpServer.Wire(MockConfluence::error, "Rate limit exceeded", "Internal server error (injected)",
                        MockConfluence::template),
                (request, path, body, active) -> route(request, path), this::admin);
    }

    public static MockConfluence start(Options options) {
        return new MockConfluence(options);
    }

    /** The URL a user configures: the site on Cloud (the API is under {@code /wiki}), the base URL on Server. */
    public String url() {
        return server.url();
    }

    public Options options() {
        return options;
    }

    public ConfluenceData data() {
        return data;
    }

    public void faults(Faults value) {
        server.faults(value);
    }

    /** Counters since start or the last reset. */
    public Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        server.putCounters(stats);
        stats.put("unauthorized", unauthorized.get());
        stats.put("forbidden", forbidden.get());
        stats.put("media_requests_with_authorization", mediaWithAuthorization.get());
        stats.put("downloads", downloads.get());
        stats.put("by_endpoint", server.byEndpoint());
        stats.put("bytes_served", server.bytesServed());
        return stats;
    }

    public void resetStats() {
        server.resetStats();
        unauthorized.set(0);
        forbidden.set(0);
        mediaWithAuthorization.set(0);
        downloads.set(0);
    }

    @Override
    public void close() {
        server.close();
    }

    // ---------------------------------------------------------------- dispatch

    private Answer route(HttpServerRequest request, String fullPath) {
        QueryStringDecoder query = new QueryStringDecoder(request.uri());
        Matcher m;
        if ((m = MEDIA.matcher(fullPath)).matches()) {
            if (request.requestHeaders().contains(HttpHeaderNames.AUTHORIZATION)) {
                mediaWithAuthorization.incrementAndGet();
            }
            return content(m.group(1));
        }
        boolean cloud = options.flavor() == Flavor.CLOUD;
        String context = cloud ? "/wiki" : "";
        if (cloud && !fullPath.startsWith("/wiki/")) {
            return error(404, "Not found: " + fullPath + " (Confluence Cloud serves its API under /wiki)");
        }
        String path = fullPath.substring(context.length());
        if (!authenticated(request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION))) {
            unauthorized.incrementAndGet();
            return error(401, "This request requires authentication");
        }
        if (path.equals("/rest/api/user/current")) {
            return json(user(ConfluenceData.USERS.get(0)));
        }
        if (path.equals("/rest/api/space")) {
            return spaces(query);
        }
        if ((m = SPACE.matcher(path)).matches()) {
            String key = m.group(1);
            return data.space(key).map(space -> json(space(space)))
                    .orElseGet(() -> error(404, "No space with key : " + key));
        }
        if (path.equals("/rest/api/content/search")) {
            return search(query);
        }
        if ((m = CHILD_ATTACHMENTS.matcher(path)).matches()) {
            long id = Long.parseLong(m.group(1));
            Optional<Content> container = data.content(id).filter(item -> item.status() != Status.TRASHED);
            if (container.isEmpty()) {
                return error(404, "No content found with id : ContentId{id=" + id + "}");
            }
            if (container.get().restricted()) {
                forbidden.incrementAndGet();
                return error(403, "User not permitted to view attachments of content with id : ContentId{id=" + id + "}");
            }
            List<Supplier<ObjectNode>> items = new ArrayList<>();
            data.attachments(id).forEach(attached -> items.add(() -> attachment(attached, container.get())));
            return page(items, query, path, CLOUD_MAX_LIMIT, false);
        }
        if ((m = CONTENT.matcher(path)).matches()) {
            long id = Long.parseLong(m.group(1));
            return data.content(id).filter(item -> item.status() != Status.TRASHED)
                    .map(item -> json(content(item, param(query, "expand", ""))))
                    .orElseGet(() -> error(404, "No content found with id : ContentId{id=" + id + "}"));
        }
        if ((m = DOWNLOAD.matcher(path)).matches()) {
            String filename = java.net.URLDecoder.decode(m.group(2), StandardCharsets.UTF_8);
            long containerId = Long.parseLong(m.group(1));
            Optional<Attached> attached = data.allAttachments().stream()
                    .filter(a -> a.containerId() == containerId && a.file().filename().equals(filename)).findFirst();
            if (attached.isEmpty()) {
                return error(404, "Attachment not found");
            }
            if (cloud) {
                return Answer.empty(302).header("Location",
                        mediaUrl() + "/_media/file/" + attached.get().file().id() + "?token=mock-" + attached.get().file().id());
            }
            return content(attached.get().file().id());
        }
        return error(404, "Not found: " + fullPath);
    }

    private boolean authenticated(@Nullable String authorization) {
        if (authorization == null) {
            return false;
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return options.flavor() == Flavor.SERVER && authorization.substring(7).strip().equals(options.personalAccessToken());
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                return new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8)
                        .equals(options.user() + ":" + options.secret());
            } catch (IllegalArgumentException notBase64) {
                return false;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- lists

    private Answer spaces(QueryStringDecoder query) {
        String status = param(query, "status", null);
        List<Supplier<ObjectNode>> items = new ArrayList<>();
        for (Space space : data.spaces()) {
            if (status == null || status.equals(space.archived() ? "archived" : "current")) {
                items.add(() -> space(space));
            }
        }
        return page(items, query, "/rest/api/space", CLOUD_MAX_LIMIT, false);
    }

    private Answer search(QueryStringDecoder query) {
        String cql = param(query, "cql", null);
        if (cql == null || cql.isBlank()) {
            return error(400, "cql is a required parameter");
        }
        Predicate<Item> matches;
        try {
            matches = MockCql.parse(cql);
        } catch (IllegalArgumentException unparsable) {
            return error(400, "com.atlassian.confluence.api.service.exceptions.BadRequestException: " + unparsable.getMessage());
        }
        String expand = param(query, "expand", "");
        // matched first, rendered only for the page asked (rendering every match made each page cost the whole space)
        List<Supplier<ObjectNode>> items = new ArrayList<>();
        for (Content item : data.content()) {
            if (item.status() != Status.TRASHED && matches.test(Item.of(item))) {
                items.add(() -> content(item, expand));
            }
            if (item.status() == Status.CURRENT) {
                for (Attached attached : data.attachments(item.id())) {
                    if (matches.test(Item.of(attached))) {
                        items.add(() -> attachment(attached, item));
                    }
                }
            }
        }
        boolean cloud = options.flavor() == Flavor.CLOUD;
        return page(items, query, "/rest/api/content/search", cloud ? CLOUD_MAX_LIMIT : SERVER_MAX_LIMIT, cloud);
    }

    /**
     * One page of {@code items}: {@code start} (or, on Cloud's search, the offset in {@code cursor}) and {@code limit}
     * (capped at {@code max}); {@code _links.next} repeats the request's parameters with the next position.
     */
    private Answer page(List<Supplier<ObjectNode>> items, QueryStringDecoder query, String path, int max, boolean cursor) {
        int start = intParam(query, "start", 0);
        String token = param(query, "cursor", null);
        if (cursor && token != null) {
            try {
                start = Integer.parseInt(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).replace("offset:", ""));
            } catch (IllegalArgumentException bad) {
                return error(400, "Invalid cursor");
            }
        }
        int limit = Math.max(1, Math.min(intParam(query, "limit", 25), max));
        int end = Math.min(items.size(), start + limit);
        ObjectNode page = NODES.objectNode();
        ArrayNode results = page.putArray("results");
        for (int i = start; i < end; i++) {
            results.add(items.get(i).get());
        }
        page.put("start", start).put("limit", limit).put("size", results.size());
        String context = options.flavor() == Flavor.CLOUD ? "/wiki" : "";
        ObjectNode links = page.putObject("_links");
        links.put("base", url() + context).put("context", context).put("self", url() + context + path);
        if (end < items.size()) {
            StringBuilder next = new StringBuilder(path).append('?');
            query.parameters().forEach((name, values) -> {
                if (!name.equals("start") && !name.equals("cursor") && !name.equals("next")) {
                    values.forEach(value -> next.append(encode(name)).append('=').append(encode(value)).append('&'));
                }
            });
            if (cursor) {
                next.append("next=true&cursor=").append(Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(("offset:" + end).getBytes(StandardCharsets.UTF_8))).append('&');
            }
            next.append("start=").append(end);
            links.put("next", next.toString());
        }
        return json(page);
    }

    // ---------------------------------------------------------------- shapes

    private String time(Instant instant) {
        return options.flavor() == Flavor.CLOUD ? instant.toString() : SERVER_TIME.format(instant);
    }

    /** How {@code version.when} of {@code instant} reads in this flavour: the documents' expected {@code _timestamp}. */
    public String timestamp(Instant instant) {
        return time(instant);
    }

    private ObjectNode user(User user) {
        ObjectNode node = NODES.objectNode().put("type", "known").put("displayName", user.displayName());
        if (options.flavor() == Flavor.CLOUD) {
            node.put("accountId", user.accountId()).put("accountType", "atlassian").put("publicName", user.displayName());
        } else {
            node.put("username", user.name()).put("userKey", "key-" + user.name());
        }
        return node;
    }

    private ObjectNode space(Space space) {
        ObjectNode node = NODES.objectNode().put("id", space.id()).put("key", space.key()).put("name", space.name())
                .put("type", "global").put("status", space.archived() ? "archived" : "current");
        node.putObject("description").putObject("plain").put("value", space.description()).put("representation", "plain");
        node.putObject("_links").put("webui", options.flavor() == Flavor.CLOUD ? "/spaces/" + space.key() : "/display/" + space.key())
                .put("self", url() + "/rest/api/space/" + space.key());
        return node;
    }

    private ObjectNode content(Content item, String expand) {
        ObjectNode node = NODES.objectNode().put("id", Long.toString(item.id())).put("type", item.type())
                .put("status", item.status().name().toLowerCase(Locale.ROOT)).put("title", item.title());
        data.space(item.spaceKey()).ifPresent(space -> node.set("space", space(space)));
        ObjectNode history = node.putObject("history").put("latest", true);
        history.set("createdBy", user(item.author()));
        history.put("createdDate", time(item.created()));
        ObjectNode version = node.putObject("version");
        version.set("by", user(item.author()));
        version.put("when", time(item.modified())).put("number", item.version()).put("minorEdit", false);
        ArrayNode ancestors = node.putArray("ancestors");
        for (Long parent = item.parentId(); parent != null; ) {
            Optional<Content> ancestor = data.content(parent);
            if (ancestor.isEmpty()) {
                break;
            }
            ancestors.insert(0, NODES.objectNode().put("id", Long.toString(parent)).put("type", "page").put("status", "current")
                    .put("title", ancestor.get().title()));
            parent = ancestor.get().parentId();
        }
        if (item.containerId() != null) {
            data.content(item.containerId()).ifPresent(container -> node.set("container", NODES.objectNode()
                    .put("id", Long.toString(container.id())).put("type", container.type()).put("title", container.title())));
        } else {
            node.set("container", NODES.objectNode().put("id", 0).put("key", item.spaceKey()).put("type", "global"));
        }
        if (expand.contains("body.storage")) {
            node.putObject("body").putObject("storage").put("value", item.storage()).put("representation", "storage");
        }
        ArrayNode labels = node.putObject("metadata").putObject("labels").put("start", 0).put("limit", 200)
                .put("size", item.labels().size()).putArray("results");
        item.labels().forEach(label -> labels.add(NODES.objectNode().put("prefix", "global").put("name", label)
                .put("id", Integer.toString(Math.abs(label.hashCode())))));
        String webui = switch (item.type()) {
            case "comment" -> "/spaces/" + item.spaceKey() + "/pages/" + item.containerId() + "?focusedCommentId=" + item.id();
            case "blogpost" -> options.flavor() == Flavor.CLOUD ? "/spaces/" + item.spaceKey() + "/blog/" + item.id()
                    : "/pages/viewpage.action?pageId=" + item.id();
            default -> options.flavor() == Flavor.CLOUD ? "/spaces/" + item.spaceKey() + "/pages/" + item.id() + "/" + encode(item.title())
                    : "/pages/viewpage.action?pageId=" + item.id();
        };
        node.putObject("_links").put("webui", webui).put("self", url() + "/rest/api/content/" + item.id());
        return node;
    }

    private ObjectNode attachment(Attached attached, Content container) {
        var file = attached.file();
        ObjectNode node = NODES.objectNode().put("id", "att" + file.id()).put("type", "attachment").put("status", "current")
                .put("title", file.filename());
        data.space(attached.spaceKey()).ifPresent(space -> node.set("space", space(space)));
        ObjectNode history = node.putObject("history").put("latest", true);
        history.set("createdBy", user(file.author()));
        history.put("createdDate", time(file.created()));
        ObjectNode version = node.putObject("version");
        version.set("by", user(file.author()));
        version.put("when", time(file.created())).put("number", 1);
        node.set("container", NODES.objectNode().put("id", Long.toString(container.id())).put("type", container.type())
                .put("title", container.title()));
        node.putObject("metadata").put("mediaType", file.mimeType()).put("comment", "");
        // the declared size: for the oversized file larger than what a download would stream, as on a real site
        node.putObject("extensions").put("mediaType", file.mimeType()).put("fileSize", file.size()).put("comment", "");
        node.putObject("_links")
                .put("webui", "/pages/viewpageattachments.action?pageId=" + container.id() + "&preview=" + encode(file.filename()))
                .put("download", "/download/attachments/" + container.id() + "/" + encode(file.filename()) + "?version=1&api=v2");
        return node;
    }

    private Answer content(String attachmentId) {
        return data.attachment(attachmentId).map(attached -> {
            downloads.incrementAndGet();
            return new Answer(200, attached.file().bytes(), attached.file().mimeType());
        }).orElseGet(() -> error(404, "Attachment not found"));
    }

    private String mediaUrl() {
        return server.otherLoopbackUrl();
    }

    // ---------------------------------------------------------------- admin

    private Answer admin(String method, String path, String body) {
        try {
            JsonNode request = body.isBlank() ? NODES.objectNode() : JSON.readTree(body);
            Matcher m;
            if (method.equals("GET") && path.equals("/_admin/stats")) {
                return json(JSON.valueToTree(stats()));
            }
            if (method.equals("POST") && path.equals("/_admin/stats/reset")) {
                resetStats();
                return json(NODES.objectNode());
            }
            if (method.equals("PUT") && path.equals("/_admin/faults")) {
                faults(JSON.treeToValue(request, Faults.class));
                return json(NODES.objectNode());
            }
            if (method.equals("POST") && path.equals("/_admin/pages")) {
                Content page = data.addPage(request.path("space").asText("SP0"), request.path("title").asText("Added page"),
                        request.path("attachment").asBoolean(false));
                return json(NODES.objectNode().put("id", Long.toString(page.id())));
            }
            if ((m = ADMIN_PAGE.matcher(path)).matches()) {
                long id = Long.parseLong(m.group(1));
                if (method.equals("DELETE")) {
                    return data.delete(id) ? json(NODES.objectNode()) : error(404, "no content " + id);
                }
                if (method.equals("PUT")) {
                    Content page = data.content(id).orElseThrow(() -> new IllegalArgumentException("no content " + id));
                    ObjectNode answer = NODES.objectNode().put("id", Long.toString(id));
                    if (request.path("comment").asBoolean(false)) {
                        // commented first: the comment's title ("Re: <title>") keeps the title it was written under
                        answer.put("comment", Long.toString(data.comment(id).id()));
                    }
                    data.updatePage(id, request.path("title").asText(page.title()), request.path("paragraph").asText(""));
                    return json(answer);
                }
            }
            return error(404, "no admin endpoint " + method + " " + path);
        } catch (Exception bad) {
            return error(400, bad.toString());
        }
    }

    // ---------------------------------------------------------------- plumbing

    private static String template(String path) {
        return path.replaceAll("/\\d+", "/{id}").replaceAll("/space/[^/]+", "/space/{key}")
                .replaceAll("(/download/attachments/\\{id})/.+", "$1/{filename}");
    }

    /** Confluence's error body. */
    static Answer error(int status, String message) {
        ObjectNode body = NODES.objectNode().put("statusCode", status);
        body.putObject("data").put("authorized", status != 401 && status != 403).put("valid", true).put("successful", false)
                .putArray("errors");
        body.put("message", message);
        return new Answer(status, body.toString().getBytes(StandardCharsets.UTF_8), "application/json;charset=UTF-8");
    }
}
