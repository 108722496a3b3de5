package io.connectors.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectors.atlassian.AtlassianJson;
import io.connectors.api.ConnectorException;
import io.connectors.api.ConnectorLogger;
import io.connectors.api.config.ConfigField;
import io.connectors.api.config.ConfigSchema;
import io.connectors.api.config.SourceConfiguration;
import io.connectors.api.config.Validation;
import io.connectors.api.http.HttpClientSettings;
import io.connectors.api.http.HttpStatusException;
import io.connectors.api.http.StatusDecision;
import io.connectors.api.source.DataSource;
import io.connectors.api.source.DataSourceContext;
import io.connectors.api.source.Filtering;
import io.connectors.api.source.SourceChange;
import io.connectors.api.source.SourceDocument;
import io.connectors.atlassian.AtlassianAuth;
import io.connectors.atlassian.ConfiguredContainers;
import io.connectors.atlassian.Deployment;
import io.connectors.api.source.SourceEvent;
import io.connectors.jira.model.Attachment;
import io.connectors.jira.model.Comment;
import io.connectors.jira.model.Issue;
import io.connectors.jira.model.Project;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Jira Cloud, Server and Data Center: projects, issues (with all their comments and custom fields by display name)
 * and attachments, each attachment a document of its own whose content the engine downloads and extracts only when
 * it is new. Configuration keys, names and defaults are those of Elastic's Jira connector; see docs/jira.md for the
 * document shapes, ids, incremental semantics, sync rules and errors.
 *
 * <p>Full syncs list every project (or the configured ones, or the advanced-rule queries) and every issue; the
 * engine deletes what was not seen. A resync into an index that already holds the connector's documents uses the
 * light listing: the same searches with {@link #LIST_FIELDS} only, then whole issues ({@code id in (...)}) for the
 * new and changed ids alone, and attachments only of those. Incremental syncs ask for issues updated since the cursor (minus
 * {@link #INCREMENTAL_OVERLAP}) and never delete: deletions are found by full syncs.
 */
public final class JiraDataSource extends DataSource {

    /** Subtracted from the cursor: covers clock skew between here and Jira, and JQL's minute precision. */
    static final Duration INCREMENTAL_OVERLAP = Duration.ofMinutes(5);
    /** The key of the sync cursor: the instant (ISO-8601, UTC) the last completed sync started. */
    static final String CURSOR_KEY = "jira_updated_since";

    /**
     * What the listing asks of each issue: {@code updated} is the issue's marker, {@code attachment} names its
     * attachments (ids and {@code created}, their markers). A few hundred bytes instead of the whole issue.
     */
    static final String LIST_FIELDS = "updated,attachment";

    private static final int SEARCH_CONCURRENCY = 4;
    private static final int COMMENT_CONCURRENCY = 8;
    private static final DateTimeFormatter JIRA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private static final ConfigSchema SCHEMA = ConfigSchema.of(Stream.concat(
            AtlassianAuth.fields("jira", "Jira", Deployment.CLOUD, "Email address associated with Jira Cloud account. E.g. jane.doe@gmail.com").stream(), Stream.of(
            ConfigField.string("jira_url").label("Jira host url")
                    .tooltip("E.g. https://acme.atlassian.net or https://jira.acme.com/jira")
                    .validation(Validation.regex("(?i)https?://\\S+")).order(10).build(),
            ConfigField.list("projects").label("Jira project keys")
                    .tooltip("This configurable field is ignored when Advanced Sync Rules are used.")
                    .defaultValue(JiraConfig.ALL_PROJECTS).order(11).build(),
            ConfigField.bool("ssl_enabled").label("Enable SSL").defaultValue(false).order(12).build(),
            ConfigField.string("ssl_ca").label("SSL certificate")
                    .dependsOn("ssl_enabled", true).order(13).build(),
            ConfigField.integer("retry_count").label("Retries for failed requests").defaultValue(3).optional()
                    .validation(Validation.greaterThan(-1)).uiRestriction("advanced").order(14).build(),
            ConfigField.integer("concurrent_downloads").label("Maximum concurrent downloads").defaultValue(100).optional()
                    .validation(Validation.greaterThan(0)).validation(Validation.lessThan(101))
                    .uiRestriction("advanced").order(15).build(),
            ConfigField.bool("use_document_level_security").label("Enable document level security")
                    .tooltip("Not supported yet by this connector: leave it off.")
                    .defaultValue(false).order(16).build(),
            ConfigField.bool("use_text_extraction_service").label("Use text extraction service")
                    .tooltip("With extraction_service.host set (protocol auto): attachments go to Elastic's data-extraction-service.")
                    .defaultValue(false).uiRestriction("advanced").order(17).build(),
            ConfigField.string("webhook_secret").label("Webhook secret").sensitive().optional()
                    .tooltip("The secret of the Jira webhook that posts to the daemon's /webhooks/jira/<connector id>;"
                            + " unset, webhooks are refused (docs/webhooks.md). Not in Elastic's connector.")
                    .order(18).build())).toList());

    private final JiraConfig config;
    private final JiraClient client;
    /**
     * A configured project Jira answers 404 (or 410) for is gone: a notice, skipped, and so deleted by a full sync (a
     * search that fails with 400/404/410 rechecks its project).
     */
    private final ConfiguredContainers<Project> configuredProjects;
    private final Clock clock;
    private final ConnectorLogger log;
    private volatile @Nullable Instant syncStartedAt;
    /** What {@link #list} learnt for {@link #fetch}: the mapping, the project documents, each attachment's issue. */
    private volatile @Nullable JiraDocuments listedWith;
    private final Map<String, SourceDocument> listedProjects = new ConcurrentHashMap<>();
    private final Map<String, String> attachmentIssue = new ConcurrentHashMap<>();
    /** The mapping events use: custom field names read once, then again ten minutes later (a field may be added). */
    private final Mono<JiraDocuments> eventDocuments;

    public JiraDataSource(SourceConfiguration configuration, DataSourceContext context) {
        this(configuration, context, Clock.systemUTC(), UnaryOperator.identity());
    }

    /** For tests: a clock, and a hook to tune the HTTP settings (shorter backoff). */
    JiraDataSource(SourceConfiguration configuration, DataSourceContext context, Clock clock,
                   UnaryOperator<HttpClientSettings> tuning) {
        super(configuration, context);
        this.config = JiraConfig.from(configuration);
        this.clock = clock;
        this.log = context.logger();
        HttpClientSettings settings = HttpClientSettings.of(config.jiraUrl(), config.auth())
                .withSslCa(config.sslCa())
                .withRetryCount(config.retryCount())
                .withMaxConnections(config.concurrentDownloads() + SEARCH_CONCURRENCY * 2);
        this.client = new JiraClient(new AtlassianJson(context.httpClient(tuning.apply(settings))), config.flavor());
        this.configuredProjects = new ConfiguredContainers<>("Jira project", "projects", client::project, context::notice);
        this.eventDocuments = client.customFieldNames()
                .map(names -> new JiraDocuments(config.flavor(), config.jiraUrl(), names))
                .cache(documents -> Duration.ofMinutes(10), error -> Duration.ZERO, () -> Duration.ZERO);
    }

    /** Elastic's Jira connector configuration: same keys, labels, defaults and dependencies. */
    public static ConfigSchema configSchema() {
        return SCHEMA;
    }

    @Override
    public Mono<Void> ping() {
        return client.myself()
                .onErrorMap(HttpStatusException.class, error -> new ConnectorException(
                        "Jira at " + io.connectors.api.http.RedactedUrl.of(config.jiraUrl()) + " did not accept the connector: " + error.getMessage(), error))
                .then();
    }

    @Override
    public Mono<Void> validateConfig() {
        if (config.documentLevelSecurity()) {
            return Mono.error(new ConnectorException("use_document_level_security is not supported by this Jira "
                    + "connector yet: turn it off (documents would otherwise be visible to every reader of the index)"));
        }
        if (config.allProjects()) {
            return ping();
        }
        return ping().then(configuredProjects.checkAllExist(config.projects(), "browse"));
    }

    /** Advanced sync rules are JQL queries (Kibana shows the advanced rules editor). */
    @Override
    public boolean supportsAdvancedRules() {
        return true;
    }

    /**
     * Checks advanced sync rules: the shape (Elastic's {@code [{"query": "<JQL>"}]}) and that Jira accepts every
     * query. Errors with every problem at once.
     */
    @Override
    public Mono<Void> validateFiltering(Filtering filtering) {
        return Mono.defer(() -> validatedRules(filtering)).then();
    }

    @Override
    public Flux<SourceDocument> docs(Filtering filtering) {
        return Flux.defer(() -> {
            Instant started = clock.instant();
            Set<String> seen = ConcurrentHashMap.newKeySet();
            return plan(filtering).flatMapMany(plan -> Flux.concat(
                            plan.projects().map(plan.documents()::project),
                            plan.queries().flatMap(query -> issueDocuments(query, plan.documents(), seen, null),
                                    SEARCH_CONCURRENCY)))
                    .doOnComplete(() -> syncStartedAt = started);
        });
    }

    @Override
    public boolean supportsListing() {
        return true;
    }

    /**
     * The documents {@link #docs} would stream, as ids and markers: projects (read whole, they are few and their
     * marker is a hash of their fields), then each query's issues with {@link #LIST_FIELDS} only, an issue's
     * attachments named from its {@code attachment} field. Sets the sync cursor like {@link #docs}.
     */
    @Override
    public Flux<SourceDocument> list(Filtering filtering) {
        return Flux.defer(() -> {
            Instant started = clock.instant();
            Set<String> seen = ConcurrentHashMap.newKeySet();
            return plan(filtering).flatMapMany(plan -> {
                        listedWith = plan.documents();
                        return Flux.concat(
                                plan.projects().map(project -> {
                                    SourceDocument document = plan.documents().project(project);
                                    listedProjects.put(document.id(), document);
                                    return SourceDocument.of(document.id(), document.timestamp(), Map.of());
                                }),
                                plan.queries().flatMap(query -> issueMarkers(query, seen), SEARCH_CONCURRENCY));
                    })
                    .doOnComplete(() -> syncStartedAt = started);
        });
    }

    /**
     * Whole documents of listed ids: projects from the listing, issues (and attachments, through the issue the
     * listing found them on) by one search {@code id in (...)} with every field. Jira refuses a query that names an
     * issue that no longer exists (400); then each issue is asked for alone and the vanished ones are left out.
     */
    @Override
    public Flux<SourceDocument> fetch(List<String> ids) {
        return Flux.defer(() -> {
            JiraDocuments documents = listedWith;
            if (documents == null) {
                return Flux.error(new IllegalStateException("fetch before list: the engine lists a source first"));
            }
            Set<String> wanted = Set.copyOf(ids);
            List<SourceDocument> projects = new ArrayList<>();
            Set<String> issueIds = new java.util.LinkedHashSet<>();
            for (String id : ids) {
                if (id.startsWith(JiraDocuments.projectId(""))) {
                    SourceDocument project = listedProjects.get(id);
                    if (project != null) {
                        projects.add(project);
                    }
                } else if (id.startsWith(JiraDocuments.issueId(""))) {
                    issueIds.add(id.substring(JiraDocuments.issueId("").length()));
                } else {
                    String issue = attachmentIssue.get(id);
                    if (issue != null) {
                        issueIds.add(issue);
                    }
                }
            }
            Flux<Issue> issues = issueIds.isEmpty() ? Flux.empty()
                    : client.search(Jql.field("id").inNumbers(issueIds))
                            .onErrorResume(error -> issueIds.size() > 1 && JiraClient.isStatus(error, 400),
                                    error -> Flux.fromIterable(issueIds).flatMap(this::issueIfStillThere, SEARCH_CONCURRENCY));
            return Flux.concat(Flux.fromIterable(projects), issues
                    .flatMapSequential(issue -> client.comments(issue)
                            .map(comments -> documentsOf(issue, comments, documents, ConcurrentHashMap.newKeySet(), null)), COMMENT_CONCURRENCY)
                    .flatMapIterable(list -> list, COMMENT_CONCURRENCY)
                    .filter(document -> wanted.contains(document.id())));
        });
    }

    private Flux<Issue> issueIfStillThere(String issueId) {
        return issueIfStillThere(Jql.field("id").inNumbers(List.of(issueId)), issueId);
    }

    private Flux<Issue> issueIfStillThere(Jql query, String issueId) {
        return client.search(query)
                .onErrorResume(error -> JiraClient.isStatus(error, 400) || JiraClient.is(error, StatusDecision.NOT_FOUND),
                        error -> {
                            log.debug("Jira issue {} vanished between listing and fetching: {}", issueId, error.getMessage());
                            return Flux.empty();
                        });
    }

    @Override
    public boolean supportsIncremental() {
        return true;
    }

    /**
     * Issues updated since the cursor minus {@link #INCREMENTAL_OVERLAP} (in the Jira user's time zone, as JQL
     * wants), with the attachments created since then; no projects, no deletions. Without a cursor, everything.
     */
    @Override
    public Flux<SourceChange> docsIncrementally(Map<String, Object> cursor, Filtering filtering) {
        return Flux.defer(() -> {
            Instant since = parseCursor(cursor.get(CURSOR_KEY));
            if (since == null) {
                log.info("No Jira sync cursor: the incremental sync sends every document");
                return docs(filtering).map(SourceChange::upsert);
            }
            Instant started = clock.instant();
            Instant window = since.minus(INCREMENTAL_OVERLAP);
            Set<String> seen = ConcurrentHashMap.newKeySet();
            return Mono.zip(plan(filtering), userZone()).flatMapMany(tuple -> {
                        Plan plan = tuple.getT1();
                        Jql recent = Jql.field("updated").gte(LocalDateTime.ofInstant(window, tuple.getT2()));
                        Flux<Query> queries = plan.advanced()
                                ? plan.queries().map(query -> query.and(recent))
                                : config.allProjects()
                                        ? Flux.just(new Query("issues updated since " + window, recent.orderBy("created", "key"), false))
                                        : plan.projects().map(Project::key).collectList()
                                                .flatMapMany(keys -> keys.isEmpty() ? Flux.empty()
                                                        : Flux.just(new Query("issues of " + keys + " updated since " + window,
                                                                Jql.field("project").in(keys).and(recent).orderBy("created", "key"), false)));
                        return queries.flatMap(query -> issueDocuments(query, plan.documents(), seen, window), SEARCH_CONCURRENCY);
                    })
                    .map(SourceChange::upsert)
                    .doOnComplete(() -> syncStartedAt = started);
        });
    }

    @Override
    public boolean supportsEvents() {
        return true;
    }

    /** Jira Cloud and Data Center webhook bodies: see {@link JiraEvents}. */
    @Override
    public SourceEvent readEvent(byte[] body) {
        return JiraEvents.read(body);
    }

    /**
     * The issue {@code issueId} and its attachments, as {@link #docs} maps them, if it is within the connector's scope:
     * one search {@code id = <issueId>} with every field, narrowed by the configured projects, or run once per
     * advanced sync rule ({@code (<rule>) AND id = <issueId>}) until one finds it. Nothing when the issue is outside
     * the scope or gone (Jira answers 400 for an id that no longer exists).
     */
    @Override
    public Flux<SourceDocument> refresh(String issueId, Filtering filtering) {
        return Flux.defer(() -> {
            Jql byId = Jql.field("id").inNumbers(List.of(issueId));
            Flux<Issue> found;
            if (filtering.hasAdvancedRules()) {
                found = validatedRules(filtering).flatMapMany(rules -> Flux.fromIterable(rules)
                                .concatMap(rule -> issueIfStillThere(rule.and(byId), issueId))
                                .take(1));
            } else if (config.allProjects()) {
                found = issueIfStillThere(byId, issueId);
            } else {
                found = issueIfStillThere(Jql.field("project").in(config.projects()).and(byId), issueId);
            }
            return eventDocuments.flatMapMany(documents -> found.take(1)
                    .concatMap(issue -> client.comments(issue)
                            .flatMapIterable(comments -> documentsOf(issue, comments, documents, ConcurrentHashMap.newKeySet(), null))));
        });
    }

    @Override
    public Map<String, Object> syncCursor() {
        Instant started = syncStartedAt;
        return started == null ? Map.of() : Map.of(CURSOR_KEY, started.toString());
    }

    @Override
    public void close() {
        client.close();
    }

    /** What a sync reads: the projects to index, the issue queries to run, and the mapping to documents. */
    private record Plan(boolean advanced, Flux<Project> projects, Flux<Query> queries, JiraDocuments documents) {}

    /**
     * One issue search. Any error fails the sync, except on the search of a project that Jira then reports gone
     * ({@code projectKey}: the project searched, null for sync rules and incremental queries).
     */
    private record Query(String label, Jql jql, boolean userRule, @Nullable String projectKey) {
        Query(String label, Jql jql, boolean userRule) {
            this(label, jql, userRule, null);
        }

        Query and(Jql condition) {
            return new Query(label, jql.and(condition), userRule, projectKey);
        }
    }

    private Mono<Plan> plan(Filtering filtering) {
        return client.customFieldNames()
                .map(names -> new JiraDocuments(config.flavor(), config.jiraUrl(), names))
                .flatMap(documents -> {
                    if (filtering.hasAdvancedRules()) {
                        return validatedRules(filtering).map(rules -> new Plan(true, Flux.empty(),
                                Flux.fromIterable(rules).map(rule -> new Query("sync rule " + rule, rule, true)), documents));
                    }
                    Flux<Project> projects = (config.allProjects() ? client.projects() : configuredProjects.read(config.projects())).cache();
                    Flux<Query> queries = projects.map(project -> new Query("project " + project.key(),
                            Jql.field("project").eq(project.key()).orderBy("created", "key"), false, project.key()));
                    return Mono.just(new Plan(false, projects, queries, documents));
                });
    }

    private Flux<SourceDocument> issueDocuments(Query query, JiraDocuments documents, Set<String> seen,
                                                @Nullable Instant attachmentsSince) {
        return client.search(query.jql())
                .onErrorResume(error -> configuredProjects.<Issue>searchFailed(query.projectKey(), error))
                .filter(issue -> seen.add(JiraDocuments.issueId(issue.id())))
                .flatMapSequential(issue -> client.comments(issue)
                        .map(comments -> documentsOf(issue, comments, documents, seen, attachmentsSince)), COMMENT_CONCURRENCY)
                // prefetch as many issues as comment requests run: the default (256) had four projects' worth of ~250
                // issues each waiting as documents in the heap, a third of what it held during a sync
                .flatMapIterable(list -> list, COMMENT_CONCURRENCY);
    }

    /** The listing's half of {@link #issueDocuments}: the same search and the same skips, markers only. */
    private Flux<SourceDocument> issueMarkers(Query query, Set<String> seen) {
        return client.search(query.jql(), LIST_FIELDS, JiraClient.LIGHT_PAGE)
                // as issueDocuments: only a project Jira reports gone is skipped; a listing cut short by an error would
                // have the engine delete every document it did not list
                .onErrorResume(error -> configuredProjects.<Issue>searchFailed(query.projectKey(), error))
                .filter(issue -> seen.add(JiraDocuments.issueId(issue.id())))
                .flatMapIterable(issue -> {
                    List<SourceDocument> markers = new ArrayList<>();
                    String updated = issue.updated();
                    // no updated (never seen on Jira): an empty marker, so the issue is fetched and hashed as docs() does
                    markers.add(SourceDocument.of(JiraDocuments.issueId(issue.id()), updated == null ? "" : updated, Map.of()));
                    for (JsonNode attachment : issue.field("attachment")) {
                        String id = JiraDocuments.attachmentId(attachment.path("id").asText());
                        if (seen.add(id)) {
                            attachmentIssue.put(id, issue.id());
                            markers.add(SourceDocument.of(id, attachment.path("created").asText(""), Map.of()));
                        }
                    }
                    return markers;
                });
    }

    private List<SourceDocument> documentsOf(Issue issue, List<Comment> comments, JiraDocuments documents,
                                             Set<String> seen, @Nullable Instant attachmentsSince) {
        List<SourceDocument> result = new ArrayList<>();
        result.add(documents.issue(issue, comments));
        List<Attachment> attachments = AtlassianJson.MAPPER.convertValue(issue.field("attachment").isArray()
                ? issue.field("attachment") : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode(),
                new com.fasterxml.jackson.core.type.TypeReference<List<Attachment>>() {});
        for (Attachment attachment : attachments) {
            if (attachmentsSince != null && createdBefore(attachment.created(), attachmentsSince)) {
                continue;
            }
            if (seen.add(JiraDocuments.attachmentId(attachment.id()))) {
                io.connectors.api.source.Attachment content = new io.connectors.api.source.Attachment(
                        attachment.filename(), attachment.size(), attachment.mimeType(), client.download(attachment));
                result.add(documents.attachment(attachment, issue, content));
            }
        }
        return result;
    }

    private Mono<List<Jql>> validatedRules(Filtering filtering) {
        List<String> queries;
        try {
            queries = SyncRules.queries(filtering.advancedSnippet());
        } catch (IllegalArgumentException invalid) {
            return Mono.error(new ConnectorException("Invalid advanced sync rules: " + invalid.getMessage()));
        }
        return Flux.fromIterable(queries)
                .flatMapSequential(query -> client.check(Jql.raw(query))
                        .then(Mono.<String>empty())
                        .onErrorResume(error -> JiraClient.isStatus(error, 400),
                                error -> Mono.just("'" + query + "': " + JiraClient.jiraMessage((HttpStatusException) error))), 4)
                .collectList()
                .flatMap(problems -> problems.isEmpty()
                        ? Mono.just(queries.stream().map(Jql::raw).toList())
                        : Mono.error(new ConnectorException("Jira refused advanced sync rules: " + String.join("; ", problems))));
    }

    private Mono<ZoneId> userZone() {
        return client.myself()
                .<ZoneId>handle((user, sink) -> {
                    try {
                        if (user.timeZone() != null) {
                            sink.next(ZoneId.of(user.timeZone()));
                        }
                    } catch (DateTimeException unknown) {
                        log.warn("Jira user time zone '{}' is unknown; incremental queries use UTC", user.timeZone());
                    }
                })
                .defaultIfEmpty(ZoneOffset.UTC);
    }

    static @Nullable Instant parseCursor(@Nullable Object value) {
        if (!(value instanceof String text) || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }

    /** Whether Jira's timestamp text is before {@code instant}; unreadable text counts as not before (kept). */
    static boolean createdBefore(String jiraTime, Instant instant) {
        try {
            return OffsetDateTime.parse(jiraTime, JIRA_TIME).toInstant().isBefore(instant);
        } catch (DateTimeParseException notJiraFormat) {
            try {
                return OffsetDateTime.parse(jiraTime).toInstant().isBefore(instant);
            } catch (DateTimeParseException unreadable) {
                return false;
            }
        }
    }
}
