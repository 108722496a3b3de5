package io.connectors.examples.rss;

import io.connectors.api.ConnectorException;
import io.connectors.api.ConnectorLogger;
import io.connectors.api.config.ConfigField;
import io.connectors.api.config.ConfigSchema;
import io.connectors.api.config.SourceConfiguration;
import io.connectors.api.config.Validation;
import io.connectors.api.http.HttpAuth;
import io.connectors.api.http.HttpClientSettings;
import io.connectors.api.http.SourceHttpClient;
import io.connectors.api.http.SourceHttpException;
import io.connectors.api.source.DataSource;
import io.connectors.api.source.DataSourceContext;
import io.connectors.api.source.Filtering;
import io.connectors.api.source.SourceDocument;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The items of one or more RSS 2.0 or Atom feeds, one document each. A full sync reads every feed; an item no longer
 * in its feed is deleted from the index, as feeds keep only their latest items. Any feed that cannot be read (an
 * HTTP error after the retries, a document that is not a feed) fails the whole sync, so nothing is deleted because a
 * server had a bad moment.
 *
 * <h2>Documents</h2>
 * <ul>
 *   <li>id: the item's {@code guid} (RSS) or {@code id} (Atom); without one, {@code link-} and a hash of its link;
 *       without a link either, {@code item-} and a hash of its feed, title and text.</li>
 *   <li>change marker ({@code _timestamp}): when it was updated (Atom {@code updated}) or published ({@code pubDate},
 *       {@code published}) as an ISO-8601 instant; without a date, {@code sha256:} and a hash of its content.</li>
 *   <li>fields: {@code title}, {@code url}, {@code author}, {@code published} and {@code updated} (ISO-8601),
 *       {@code body} (the full content, else the summary, as plain text), {@code feed_title}, {@code feed_url}
 *       (without query). Absent values are left out.</li>
 * </ul>
 */
public final class RssDataSource extends DataSource {

    /** Feeds read at once. */
    private static final int FEED_CONCURRENCY = 4;

    static final ConfigSchema SCHEMA = ConfigSchema.of(
            ConfigField.list("feed_urls").label("Feed URLs")
                    .tooltip("RSS 2.0 or Atom feed addresses, comma-separated, e.g. https://example.com/feed.xml")
                    .validation(Validation.regex("(?i)https?://\\S+")).build(),
            ConfigField.string("auth_token").label("Bearer token").sensitive().optional()
                    .tooltip("Sent as 'Authorization: Bearer <token>' to the feeds' hosts (never to another host "
                            + "they redirect to); leave empty for public feeds").build(),
            ConfigField.integer("retry_count").label("Retries for failed requests").defaultValue(3).optional()
                    .validation(Validation.greaterThan(-1)).validation(Validation.lessThan(10)).build());

    private final List<FeedUrl> feedUrls;
    /** One client per origin (scheme, host, port): the token goes to each feed's host, pooled per host. */
    private final Map<String, SourceHttpClient> clients = new LinkedHashMap<>();
    private final ConnectorLogger log;

    /** Reads the configuration; no I/O. The schema has checked it already: the URLs are there and look like URLs. */
    public RssDataSource(SourceConfiguration configuration, DataSourceContext context) {
        super(configuration, context);
        this.feedUrls = configuration.getList("feed_urls").stream().map(FeedUrl::parse).toList();
        this.log = context.logger();
        String token = configuration.getOptionalString("auth_token");
        HttpAuth auth = token == null ? HttpAuth.none() : HttpAuth.bearer(token);
        int retries = configuration.getInt("retry_count");
        for (FeedUrl url : feedUrls) {
            clients.computeIfAbsent(url.origin(),
                    origin -> context.httpClient(HttpClientSettings.of(origin, auth).withRetryCount(retries)));
        }
    }

    /** Every feed answers with a feed. */
    @Override
    public Mono<Void> ping() {
        return Flux.fromIterable(feedUrls).flatMap(this::read, FEED_CONCURRENCY).then();
    }

    @Override
    public Flux<SourceDocument> docs(Filtering filtering) {
        return Flux.fromIterable(feedUrls)
                .flatMapSequential(this::read, FEED_CONCURRENCY)
                .flatMapIterable(feed -> feed.items().stream().map(item -> document(feed, item)).toList())
                // one document per id: two feeds may carry the same item, and the index can hold it once
                .distinct(SourceDocument::id);
    }

    @Override
    public void close() {
        clients.values().forEach(SourceHttpClient::close);
    }

    /** GETs and parses one feed; an HTTP error or a document that is no feed is an error naming the feed. */
    private Mono<Feed> read(FeedUrl url) {
        return clients.get(url.origin()).get(url.pathAndQuery())
                .onErrorMap(SourceHttpException.class,
                        error -> new ConnectorException("feed " + url + " could not be read: " + error.getMessage(), error))
                // parsing a feed in memory is quick CPU work: it may run on the HTTP client's thread
                .flatMap(body -> Mono.fromCallable(() -> FeedParser.parse(body, url)))
                .doOnNext(feed -> log.debug("feed {}: {} items", url, feed.items().size()));
    }

    static SourceDocument document(Feed feed, Feed.Item item) {
        String body = item.content() != null ? item.content() : item.summary();
        Map<String, Object> fields = new LinkedHashMap<>();
        put(fields, "title", item.title());
        put(fields, "url", item.link());
        put(fields, "author", item.author());
        put(fields, "published", iso(item.published()));
        put(fields, "updated", iso(item.updated()));
        put(fields, "body", body);
        put(fields, "feed_title", feed.title());
        put(fields, "feed_url", feed.url());
        return SourceDocument.of(id(feed, item, body), marker(item, fields), fields);
    }

    /** The item's own id; else a hash of its link; else of what it says. Within Elasticsearch's 512-byte limit. */
    static String id(Feed feed, Feed.Item item, @Nullable String body) {
        String id = item.id();
        if (id != null && id.getBytes(StandardCharsets.UTF_8).length <= 512) {
            return id;
        }
        if (id != null) {
            return "guid-" + hash(id);
        }
        if (item.link() != null) {
            return "link-" + hash(item.link());
        }
        return "item-" + hash(feed.url() + "\n" + item.title() + "\n" + body);
    }

    /** When it last changed, as the feed says; a hash of its fields when the feed gives no date. */
    static String marker(Feed.Item item, Map<String, Object> fields) {
        String date = item.updated() != null ? item.updated() : item.published();
        Instant instant = FeedDates.parse(date);
        if (instant != null) {
            return instant.toString();
        }
        if (date != null) {
            return date; // a date we cannot read still changes when the item does
        }
        return "sha256:" + hash(fields.toString());
    }

    private static @Nullable String iso(@Nullable String date) {
        Instant instant = FeedDates.parse(date);
        return instant == null ? null : instant.toString(); // an unreadable date is left out, not indexed as text
    }

    private static void put(Map<String, Object> fields, String key, @Nullable Object value) {
        if (value != null) {
            fields.put(key, value);
        }
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}
