package io.connectors.confluence;

import io.connectors.api.ConnectorException;
import io.connectors.api.ConnectorLogger;
import io.connectors.api.config.ConfigField;
import io.connectors.api.config.ConfigSchema;
import io.connectors.api.config.SourceConfiguration;
import io.connectors.api.config.Validation;
import io.connectors.api.http.HttpClientSettings;
import io.connectors.api.http.HttpStatusException;
import io.connectors.api.http.RedactedUrl;
import io.connectors.api.http.StatusDecision;
import io.connectors.api.source.Attachment;
import io.connectors.api.source.DataSource;
import io.connectors.api.source.DataSourceContext;
import io.connectors.api.source.Filtering;
import io.connectors.api.source.SourceChange;
import io.connectors.api.source.SourceDocument;
import io.connectors.atlassian.AtlassianAuth;
import io.connectors.atlassian.AtlassianErrors;
import io.connectors.atlassian.AtlassianJson;
import io.connectors.atlassian.ConfiguredContainers;
import io.connectors.atlassian.Deployment;
import io.connectors.atlassian.QueryRules;
import io.connectors.confluence.model.Content;
import io.connectors.confluence.model.Space;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Confluence Cloud, Server and Data Center through REST API v1: spaces, pages, blog posts and comments (each a
 * document, storage-format bodies as clean text) and attachments (documents whose content the engine downloads and
 * extracts only when new or changed). Configuration keys, names and defaults are those of Elastic's Confluence
 * connector; docs/confluence.md describes document shapes, ids, incremental semantics, sync rules and errors.
 *
 * <p>Full syncs list the spaces (all current ones, or the configured keys) and run one CQL search per space for its
 * pages, blog posts and comments, then each page's and blog post's {@code child/attachment}; with advanced sync rules,
 * each rule's CQL instead. Archived, trashed and draft content is skipped. A page whose attachments answer 403
 * (restricted) is indexed without them, counted and reported as a notice. Incremental syncs search
 * {@code lastmodified >= "<cursor>"} (attachments included, as CQL results) and never delete.
 */
public final class ConfluenceDataSource extends DataSource {

    /** Subtracted from the cursor: clock skew, and CQL's minute precision. */
    static final Duration INCREMENTAL_OVERLAP = Duration.ofMinutes(5);
    /**
     * CQL reads dates in the Confluence user's time zone, which the API does not reliably tell: the query reaches back
     * the widest UTC offset further, and {@code version.when} (an instant) then filters exactly.
     */
    static final Duration ZONE_MARGIN = Duration.ofHours(14);
    static final String CURSOR_KEY = "confluence_modified_since";

    private static final int SEARCH_CONCURRENCY = 2;
    private static final int ATTACHMENT_LIST_CONCURRENCY = 8;
    private static final String[] SPACE_CONTENT = {Content.PAGE, Content.BLOGPOST, Content.COMMENT};

    private static final ConfigSchema SCHEMA = ConfigSchema.of(Stream.concat(
            AtlassianAuth.fields(ConfluenceConfig.PRODUCT, "Confluence", Deployment.SERVER,
                    "Email address associated with the Confluence Cloud account, e.g. jane@example.com").stream(),
            Stream.of(
                    ConfigField.string("confluence_url").label("Confluence URL")
                            .tooltip("E.g. https://example.atlassian.net (Cloud) or https://confluence.example.com/confluence")
                            .validation(Validation.regex("(?i)https?://\\S+")).order(10).build(),
                    ConfigField.list("spaces").label("Confluence space keys")
                            .tooltip("This configurable field is ignored when Advanced Sync Rules are used.")
                            .defaultValue(ConfluenceConfig.ALL_SPACES).order(11).build(),
                    ConfigField.bool("index_labels").label("Enable indexing labels")
                            .tooltip("Enabling this will increase the amount of network calls to the source, and may decrease performance")
                            .defaultValue(false).order(12).build(),
                    ConfigField.bool("ssl_enabled").label("Enable SSL").defaultValue(false).order(13).build(),
                    ConfigField.string("ssl_ca").label("SSL certificate").dependsOn("ssl_enabled", true).order(14).build(),
                    ConfigField.integer("retry_count").label("Retries per request").defaultValue(3).optional()
                            .validation(Validation.greaterThan(-1)).uiRestriction("advanced").order(15).build(),
                    ConfigField.integer("concurrent_downloads").label("Maximum concurrent downloads").defaultValue(50).optional()
                            .validation(Validation.greaterThan(0)).validation(Validation.lessThan(51))
                            .uiRestriction("advanced").order(16).build(),
                    ConfigField.bool("use_document_level_security").label("Enable document level security")
                            .tooltip("Not supported yet by this connector: leave it off.")
                            .defaultValue(false).order(17).build(),
                    ConfigField.bool("use_text_extraction_service").label("Use text extraction service")
                            .tooltip("Accepted for compatibility; attachments are always extracted by the framework.")
                            .defaultValue(false).uiRestriction("advanced").order(18).build())).toList());

    private final ConfluenceConfig config;
    private final ConfluenceClient client;
    /** A space that answers 404 is gone: a notice, skipped (a search that fails with 400/404 rechecks its space). */
    private final ConfiguredContainers<Space> configuredSpaces;
    private final ConfluenceDocuments documents;
    private final Clock clock;
    private final ConnectorLogger log;
    private volatile @Nullable Instant syncStartedAt;
    private final AtomicInteger skippedNotCurrent = new AtomicInteger();
    private final AtomicInteger restricted = new AtomicInteger();

    public ConfluenceDataSource(SourceConfiguration configuration, DataSourceContext context) {
        this(configuration, context, Clock.systemUTC(), UnaryOperator.identity());
    }

    /** For tests: a clock, and a hook to tune the HTTP settings (shorter backoff). */
    ConfluenceDataSource(SourceConfiguration configuration, DataSourceContext context, Clock clock,
                         UnaryOperator<HttpClientSettings> tuning) {
        super(configuration, context);
        this.config = ConfluenceConfig.from(configuration);
        this.clock = clock;
        this.log = context.logger();
        HttpClientSettings settings = HttpClientSettings.of(config.apiUrl(), config.auth())
                .withSslCa(config.sslCa())
                .withRetryCount(config.retryCount())
                .withMaxConnections(config.concurrentDownloads() + SEARCH_CONCURRENCY * 2 + ATTACHMENT_LIST_CONCURRENCY);
        this.client = new ConfluenceClient(new AtlassianJson(context.httpClient(tuning.apply(settings))));
        this.configuredSpaces = new ConfiguredContainers<>("Confluence space", "spaces", client::space, context::notice);
        this.documents = new ConfluenceDocuments(config.apiUrl(), config.indexLabels());
    }

    /** Elastic's Confluence connector configuration: same keys, defaults and dependencies. */
    public static ConfigSchema configSchema() {
        return SCHEMA;
    }

    @Override
    public Mono<Void> ping() {
        return client.currentUser()
                .onErrorMap(HttpStatusException.class, error -> new ConnectorException("Confluence at "
                        + RedactedUrl.of(config.apiUrl()) + " did not accept the connector: " + error.getMessage(), error))
                .then();
    }

    @Override
    public Mono<Void> validateConfig() {
        if (config.documentLevelSecurity()) {
            return Mono.error(new ConnectorException("use_document_level_security is not supported by this Confluence "
                    + "connector yet: turn it off (documents would otherwise be visible to every reader of the index)"));
        }
        if (config.allSpaces()) {
            return ping();
        }
        return ping().then(configuredSpaces.checkAllExist(config.spaces(), "view"));
    }

    /** Advanced sync rules are CQL queries (Kibana shows the advanced rules editor). */
    @Override
    public boolean supportsAdvancedRules() {
        return true;
    }

    /** Checks advanced sync rules: Elastic's shape {@code [{"query": "<CQL>"}]}, and that Confluence accepts each query. */
    @Override
    public Mono<Void> validateFiltering(Filtering filtering) {
        return Mono.defer(() -> validatedRules(filtering)).then();
    }

    @Override
    public Flux<SourceDocument> docs(Filtering filtering) {
        return Flux.defer(() -> {
            Instant started = clock.instant();
            Set<String> seen = ConcurrentHashMap.newKeySet();
            return plan(filtering, null).flatMapMany(plan -> Flux.concat(
                            plan.spaces().map(documents::space),
                            plan.queries().flatMap(query -> contentDocuments(query, seen, null), SEARCH_CONCURRENCY)))
                    .doOnComplete(() -> {
                        report();
                        syncStartedAt = started;
                    });
        });
    }

    @Override
    public boolean supportsIncremental() {
        return true;
    }

    /**
     * Content modified since the cursor minus {@link #INCREMENTAL_OVERLAP}, attachments included (CQL finds them by
     * their own {@code lastmodified}); no spaces, no deletions. Without a cursor, everything.
     */
    @Override
    public Flux<SourceChange> docsIncrementally(Map<String, Object> cursor, Filtering filtering) {
        return Flux.defer(() -> {
            Instant since = parseCursor(cursor.get(CURSOR_KEY));
            if (since == null) {
                log.info("No Confluence sync cursor: the incremental sync sends every document");
                return docs(filtering).map(SourceChange::upsert);
            }
            Instant started = clock.instant();
            Instant window = since.minus(INCREMENTAL_OVERLAP);
            Set<String> seen = ConcurrentHashMap.newKeySet();
            return plan(filtering, window)
                    .flatMapMany(plan -> plan.queries().flatMap(query -> contentDocuments(query, seen, window), SEARCH_CONCURRENCY))
                    .map(SourceChange::upsert)
                    .doOnComplete(() -> {
                        report();
                        syncStartedAt = started;
                    });
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

    // ------------------------------------------------------------------ planning

    /** What a sync reads: the spaces to index as documents, and the content searches. */
    private record Plan(Flux<Space> spaces, Flux<Query> queries) {}

    /** One content search; {@code spaceKey}: the space searched (null for sync rules), rechecked when it fails. */
    private record Query(String label, Cql cql, @Nullable String spaceKey) {}

    /** @param window null for a full sync; else the incremental window (content and attachments modified since) */
    private Mono<Plan> plan(Filtering filtering, @Nullable Instant window) {
        @Nullable Cql recent = window == null ? null
                : Cql.modifiedSince(LocalDateTime.ofInstant(window.minus(ZONE_MARGIN), ZoneOffset.UTC));
        if (filtering.hasAdvancedRules()) {
            return validatedRules(filtering).map(rules -> new Plan(Flux.empty(), Flux.fromIterable(rules)
                    .map(rule -> new Query("sync rule " + rule, recent == null ? rule : rule.and(recent), null))));
        }
        Flux<Space> spaces = (config.allSpaces() ? client.spaces() : configuredSpaces.read(config.spaces())).cache();
        Flux<Query> queries = spaces.map(space -> {
            Cql cql = Cql.space(space.key()).and(window == null ? Cql.types(SPACE_CONTENT)
                    : Cql.types(Content.PAGE, Content.BLOGPOST, Content.COMMENT, Content.ATTACHMENT).and(recent));
            return new Query("space " + space.key(), cql.orderBy("created"), space.key());
        });
        return Mono.just(new Plan(spaces, queries));
    }

    // ------------------------------------------------------------------ documents

    private Flux<SourceDocument> contentDocuments(Query query, Set<String> seen, @Nullable Instant window) {
        return client.search(query.cql())
                .onErrorResume(error -> configuredSpaces.<Content>searchFailed(query.spaceKey(), error))
                .filter(this::live)
                .filter(content -> window == null || modifiedSince(content, window))
                .filter(content -> seen.add(ConfluenceDocuments.contentId(content.type(), content.id())))
                .flatMapSequential(content -> documentsOf(content, seen, window == null), ATTACHMENT_LIST_CONCURRENCY);
    }

    /** The content's document, and for a page or blog post of a full sync its attachments ({@code child/attachment}). */
    private Flux<SourceDocument> documentsOf(Content content, Set<String> seen, boolean withAttachments) {
        if (Content.ATTACHMENT.equals(content.type())) {
            return Flux.just(attachmentDocument(content));
        }
        SourceDocument document = documents.content(content);
        boolean container = Content.PAGE.equals(content.type()) || Content.BLOGPOST.equals(content.type());
        if (!withAttachments || !container) {
            return Flux.just(document);
        }
        return Flux.concat(Mono.just(document), client.attachments(content.id())
                .filter(this::live)
                .filter(attachment -> seen.add(ConfluenceDocuments.contentId(Content.ATTACHMENT, attachment.id())))
                .map(this::attachmentDocument)
                .onErrorResume(error -> AtlassianErrors.isStatus(error, 403), error -> restrictedChildren(content, error)));
    }

    /**
     * A page whose attachments answer 403 (a page restriction that hides its children from this account): the page
     * stays indexed, the sync goes on, and the notice says what was not read.
     */
    private Flux<SourceDocument> restrictedChildren(Content content, Throwable error) {
        restricted.incrementAndGet();
        context().notice("Confluence " + content.type() + " " + content.id() + " ('" + content.title() + "') in space "
                + content.spaceKey() + " refused its attachments (" + AtlassianErrors.message((HttpStatusException) error)
                + "): they are not indexed; grant the account access to the page to index them");
        return Flux.empty();
    }

    private SourceDocument attachmentDocument(Content attachment) {
        String download = attachment.linksOrNone().download();
        Flux<java.nio.ByteBuffer> bytes = download == null
                ? Flux.error(new ConnectorException("Confluence attachment " + attachment.id() + " has no download link"))
                : client.download(download);
        String filename = attachment.title() == null || attachment.title().isBlank() ? attachment.id() : attachment.title();
        long size = attachment.fileSize() < 0 ? Attachment.UNKNOWN_SIZE : attachment.fileSize();
        return documents.attachment(attachment, new Attachment(filename, size, attachment.mediaType(), bytes));
    }

    /** Current content only: archived, trashed, draft and historical versions are counted and skipped. */
    private boolean live(Content content) {
        if (content.current()) {
            return true;
        }
        skippedNotCurrent.incrementAndGet();
        return false;
    }

    private void report() {
        int notCurrent = skippedNotCurrent.getAndSet(0);
        int refused = restricted.getAndSet(0);
        if (notCurrent > 0 || refused > 0) {
            log.info("Confluence sync skipped {} archived, trashed or draft items and {} restricted pages' attachments",
                    notCurrent, refused);
        }
    }

    private Mono<List<Cql>> validatedRules(Filtering filtering) {
        List<String> queries;
        try {
            queries = QueryRules.queries(filtering.advancedSnippet(), "CQL");
        } catch (IllegalArgumentException invalid) {
            return Mono.error(new ConnectorException("Invalid advanced sync rules: " + invalid.getMessage()));
        }
        return Flux.fromIterable(queries)
                .flatMapSequential(query -> client.check(Cql.raw(query))
                        .then(Mono.<String>empty())
                        .onErrorResume(error -> AtlassianErrors.isStatus(error, 400),
                                error -> Mono.just("'" + query + "': " + AtlassianErrors.message((HttpStatusException) error))), 4)
                .collectList()
                .flatMap(problems -> problems.isEmpty()
                        ? Mono.just(queries.stream().map(Cql::raw).toList())
                        : Mono.error(new ConnectorException("Confluence refused advanced sync rules: " + String.join("; ", problems))));
    }

    static boolean modifiedSince(Content content, Instant instant) {
        try {
            return !OffsetDateTime.parse(content.modified()).toInstant().isBefore(instant);
        } catch (DateTimeParseException unreadable) {
            return true; // kept: a document sent twice is harmless, one missed is not
        }
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
}
