package io.connectors.examples.rss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectors.api.ConnectorException;
import io.connectors.api.config.ConfigurationProblemsException;
import io.connectors.api.config.SourceConfiguration;
import io.connectors.api.source.DataSource;
import io.connectors.api.source.DataSourceDescriptor;
import io.connectors.api.source.Filtering;
import io.connectors.api.source.SourceDocument;
import io.connectors.core.runtime.RuntimeSourceContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** The source against a real HTTP server on a loopback port, through the runtime's own HTTP client. */
class RssDataSourceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final FeedServer server = FeedServer.start();
    private final List<DataSource> sources = new ArrayList<>();

    @AfterEach
    void tearDown() {
        sources.forEach(DataSource::close);
        server.close();
    }

    /** Built as the runtime builds it: the schema resolves the raw values, the descriptor constructs the source. */
    private DataSource source(Map<String, ?> values) {
        SourceConfiguration configuration = RssDataSource.SCHEMA.resolve(values);
        DataSource source = new RssDataSourceDescriptor().create(configuration, RuntimeSourceContext.of("rss-test"));
        sources.add(source);
        return source;
    }

    private List<SourceDocument> docs(DataSource source) {
        List<SourceDocument> docs = source.docs(Filtering.NONE).collectList().block(TIMEOUT);
        assertThat(docs).isNotNull();
        return docs;
    }

    @Test
    void docs_rssFeed_oneDocumentPerItem_withPlainTextFields() {
        server.serveFixture("/rss.xml", "rss2.xml");

        List<SourceDocument> docs = docs(source(Map.of("feed_urls", server.url("/rss.xml"))));

        assertThat(docs).extracting(SourceDocument::id).hasSize(3).startsWith("post-1002");
        SourceDocument release = docs.getFirst();
        assertThat(release.timestamp()).isEqualTo("2025-06-10T04:00:00Z");
        assertThat(release.fields()).containsExactly(
                Map.entry("title", "Release 1.2 is out"),
                Map.entry("url", "http://feeds.example.test/posts/release-1-2"),
                Map.entry("author", "Ada"),
                Map.entry("published", "2025-06-10T04:00:00Z"),
                Map.entry("body", "The release brings faster syncs & fewer retries. Upgrade!"),
                Map.entry("feed_title", "Team Notes"),
                Map.entry("feed_url", server.url("/rss.xml")));
        assertThat(release.attachment()).isNull();

        SourceDocument escaped = docs.get(1);
        assertThat(escaped.fields()).containsEntry("title", "Why we moved to Atom & back")
                .containsEntry("author", "grace@example.test (Grace)")
                .containsEntry("body", "Escaped HTML in a description.");
        assertThat(escaped.timestamp()).as("RFC 822 with an offset and no seconds").isEqualTo("2025-06-11T07:30:00Z");
    }

    @Test
    void docs_itemWithoutGuidOrDate_idFromItsLinkAndMarkerFromItsContent_bothStable() {
        server.serveFixture("/rss.xml", "rss2.xml");
        DataSource source = source(Map.of("feed_urls", server.url("/rss.xml")));

        SourceDocument undated = docs(source).get(2);
        SourceDocument again = docs(source).get(2);

        assertThat(undated.id()).matches("link-[0-9a-f]{32}").isEqualTo(again.id());
        assertThat(undated.timestamp()).matches("sha256:[0-9a-f]{32}").isEqualTo(again.timestamp());
        assertThat(undated.fields()).doesNotContainKeys("published", "updated", "author");
    }

    @Test
    void docs_contentOfAnUndatedItemChanges_itsMarkerChanges() {
        String feed = new String(FeedServer.fixture("rss2.xml"), StandardCharsets.UTF_8);
        server.serve("/rss.xml", 200, "application/rss+xml", feed.getBytes(StandardCharsets.UTF_8));
        DataSource source = source(Map.of("feed_urls", server.url("/rss.xml")));
        SourceDocument before = docs(source).get(2);

        server.serve("/rss.xml", 200, "application/rss+xml",
                feed.replace("Plain text.", "Plain text, edited.").getBytes(StandardCharsets.UTF_8));
        SourceDocument after = docs(source).get(2);

        assertThat(after.id()).isEqualTo(before.id());
        assertThat(after.timestamp()).isNotEqualTo(before.timestamp());
    }

    @Test
    void docs_atomFeed_entriesWithResolvedLinksAndTheFeedsAuthorAsFallback() {
        server.serveFixture("/atom.xml", "atom.xml");

        List<SourceDocument> docs = docs(source(Map.of("feed_urls", server.url("/atom.xml"))));

        assertThat(docs).hasSize(2);
        SourceDocument faster = docs.getFirst();
        assertThat(faster.id()).isEqualTo("urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a");
        assertThat(faster.timestamp()).as("updated, not published").isEqualTo("2025-06-12T18:30:02Z");
        assertThat(faster.fields()).containsExactly(
                Map.entry("title", "Indexing faster"),
                Map.entry("url", server.url("/log/indexing-faster")),
                Map.entry("author", "Linus"),
                Map.entry("published", "2025-06-12T08:00:00Z"),
                Map.entry("updated", "2025-06-12T18:30:02Z"),
                Map.entry("body", "Bulk requests are now prepared once."),
                Map.entry("feed_title", "Engineering Log"),
                Map.entry("feed_url", server.url("/atom.xml")));

        assertThat(docs.get(1).fields()).containsEntry("author", "The Team")
                .containsEntry("body", "Summary & nothing else.")
                .containsEntry("url", "http://feeds.example.test/log/summary-only");
    }

    @Test
    void docs_twoFeeds_bothRead_anItemInBothIsOneDocument() {
        server.serveFixture("/rss.xml", "rss2.xml").serveFixture("/atom.xml", "atom.xml")
                .serveFixture("/copy.xml", "rss2.xml");

        List<SourceDocument> docs = docs(source(Map.of("feed_urls",
                server.url("/rss.xml") + ", " + server.url("/atom.xml") + ", " + server.url("/copy.xml"))));

        assertThat(docs).hasSize(5).extracting(SourceDocument::id).doesNotHaveDuplicates();
    }

    @Test
    void docs_malformedFeed_failsTheSync_namingTheFeedAndTheLine() {
        server.serveFixture("/broken.xml", "malformed.xml");

        StepVerifier.create(source(Map.of("feed_urls", server.url("/broken.xml"))).docs(Filtering.NONE))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(ConnectorException.class)
                        .hasMessageStartingWith("feed " + server.url("/broken.xml") + " is not well-formed XML at line"))
                .verify(TIMEOUT);
    }

    @Test
    void docs_aWebPageInsteadOfAFeed_failsTheSync() {
        server.serveFixture("/", "not-a-feed.html");

        StepVerifier.create(source(Map.of("feed_urls", server.url("/"))).docs(Filtering.NONE))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(ConnectorException.class)
                        .hasMessageContaining("is neither RSS nor Atom").hasMessageContaining("<html>"))
                .verify(TIMEOUT);
    }

    @Test
    void docs_emptyAnswer_failsTheSync_ratherThanDeletingEverything() {
        server.serve("/empty.xml", 200, "application/xml", new byte[0]);

        StepVerifier.create(source(Map.of("feed_urls", server.url("/empty.xml"))).docs(Filtering.NONE))
                .expectErrorSatisfies(error -> assertThat(error).hasMessageContaining("is not well-formed XML"))
                .verify(TIMEOUT);
    }

    @Test
    void docs_serverError_isRetriedRetryCountTimes_thenFailsTheSync() {
        server.serve("/rss.xml", 500, "text/plain", "database down".getBytes(StandardCharsets.UTF_8));

        StepVerifier.create(source(Map.of("feed_urls", server.url("/rss.xml"), "retry_count", 1)).docs(Filtering.NONE))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(ConnectorException.class)
                        .hasMessageContaining("feed " + server.url("/rss.xml") + " could not be read")
                        .hasMessageContaining("500").hasMessageContaining("database down"))
                .verify(TIMEOUT);
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void docs_oneOfTwoFeedsMissing_failsTheWholeSync() {
        server.serveFixture("/rss.xml", "rss2.xml");

        StepVerifier.create(source(Map.of("feed_urls", server.url("/rss.xml") + "," + server.url("/gone.xml")))
                        .docs(Filtering.NONE))
                .thenConsumeWhile(document -> true) // the first feed's items may come before the error
                .expectErrorSatisfies(error -> assertThat(error).hasMessageContaining("/gone.xml").hasMessageContaining("404"))
                .verify(TIMEOUT);
    }

    @Test
    void authToken_sentAsBearer_andTheQueryOfAFeedUrlIsKeptOutOfDocumentsAndErrors() {
        server.serveFixture("/private.xml", "atom.xml");

        List<SourceDocument> docs = docs(source(Map.of("feed_urls", server.url("/private.xml?key=s3cret"),
                "auth_token", "t0ken")));

        assertThat(server.requests()).singleElement()
                .isEqualTo(new FeedServer.Request("/private.xml?key=s3cret", "Bearer t0ken"));
        assertThat(docs).allSatisfy(doc -> assertThat(doc.fields().toString()).doesNotContain("s3cret"));
    }

    @Test
    void ping_answersWhenEveryFeedIsAFeed_andFailsOn401() {
        server.serveFixture("/rss.xml", "rss2.xml");
        server.serve("/locked.xml", 401, "text/plain", new byte[0]);

        StepVerifier.create(source(Map.of("feed_urls", server.url("/rss.xml"))).ping()).expectComplete().verify(TIMEOUT);
        StepVerifier.create(source(Map.of("feed_urls", server.url("/rss.xml") + "," + server.url("/locked.xml"))).ping())
                .expectErrorSatisfies(error -> assertThat(error).hasMessageContaining("401").hasMessageContaining("credentials"))
                .verify(TIMEOUT);
    }

    @Test
    void schema_feedUrlsRequired_andEachMustBeAnHttpUrl_everyProblemAtOnce() {
        assertThatThrownBy(() -> RssDataSource.SCHEMA.resolve(Map.of()))
                .isInstanceOf(ConfigurationProblemsException.class)
                .hasMessageContaining("'Feed URLs' (feed_urls) is required");
        assertThatThrownBy(() -> RssDataSource.SCHEMA.resolve(Map.of("feed_urls", "ftp://x/feed, http://ok.test/feed",
                "retry_count", 50)))
                .isInstanceOf(ConfigurationProblemsException.class)
                .hasMessageContaining("feed_urls").hasMessageContaining("retry_count");
    }

    @Test
    void schema_defaults_retryCount3_noToken_andTheTokenIsSensitive() {
        SourceConfiguration configuration = RssDataSource.SCHEMA.resolve(Map.of("feed_urls", "http://feeds.example.test/a.xml"));

        assertThat(configuration.getInt("retry_count")).isEqualTo(3);
        assertThat(configuration.getOptionalString("auth_token")).isNull();
        assertThat(RssDataSource.SCHEMA.field("auth_token")).hasValueSatisfying(field -> assertThat(field.sensitive()).isTrue());
    }

    @Test
    void descriptor_isFoundByServiceLoader_forTheRssServiceType() {
        assertThat(ServiceLoader.load(DataSourceDescriptor.class).stream().map(ServiceLoader.Provider::get))
                .filteredOn(descriptor -> descriptor.sourceClass() == RssDataSource.class)
                .singleElement()
                .satisfies(descriptor -> assertThat(descriptor.serviceType()).isEqualTo("rss"));
    }
}
