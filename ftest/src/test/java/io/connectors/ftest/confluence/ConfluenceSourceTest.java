package io.connectors.ftest.confluence;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.api.source.Filtering;
import io.connectors.api.source.SourceChange;
import io.connectors.api.source.SourceDocument;
import io.connectors.confluence.ConfluenceDataSource;
import io.connectors.core.runtime.RuntimeSourceContext;
import io.connectors.ftest.confluence.ConfluenceData.Content;
import io.connectors.ftest.confluence.ConfluenceData.Status;
import io.connectors.ftest.confluence.MockConfluence.Flavor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ConfluenceDataSource against the mock Confluence (Server flavour), without the engine: what it streams and refuses. */
class ConfluenceSourceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static MockConfluence mock;

    @BeforeAll
    static void start() {
        mock = MockConfluence.start(MockConfluence.Options.of(Flavor.SERVER, 60).withOversizedBytes(64 << 10));
    }

    @AfterAll
    static void stop() {
        mock.close();
    }

    private static ConfluenceDataSource source(Map<String, Object> overrides) {
        Map<String, Object> values = new HashMap<>(Map.of("data_source", "confluence_server", "confluence_url", mock.url(),
                "username", mock.options().user(), "password", mock.options().secret()));
        values.putAll(overrides);
        return new ConfluenceDataSource(ConfluenceDataSource.configSchema().resolve(values),
                new RuntimeSourceContext("confluence-test", "job-1", Clock.systemUTC(), 10));
    }

    private static Set<String> ids(List<SourceDocument> documents) {
        return documents.stream().map(SourceDocument::id).collect(Collectors.toSet());
    }

    @Test
    void docs_fullSync_currentContentOnlyAndNoAttachmentsOfTheRestrictedPage() {
        try (ConfluenceDataSource source = source(Map.of())) {
            List<SourceDocument> documents = source.docs(Filtering.NONE).collectList().block(TIMEOUT);

            Set<String> ids = ids(documents);
            for (Content item : mock.data().content()) {
                String id = item.type() + "-" + item.id();
                assertThat(ids.contains(id)).as(id + " " + item.status()).isEqualTo(item.status() == Status.CURRENT);
                mock.data().attachments(item.id()).forEach(attached -> assertThat(ids.contains("attachment-att" + attached.file().id()))
                        .as("attachment of " + id).isEqualTo(item.status() == Status.CURRENT && !item.restricted()));
            }
            assertThat(ids).contains("space-SP0").doesNotContain("space-OLD");
            assertThat(documents).filteredOn(document -> document.id().startsWith("page-"))
                    .allSatisfy(page -> assertThat((String) page.fields().get("body")).doesNotContain("CDATA", "&amp;", "ac:")
                            .doesNotContainPattern("<[a-zA-Z/!]").contains("codetok"));
        }
    }

    @Test
    void validateConfig_unknownSpace_errorNamesIt() {
        try (ConfluenceDataSource source = source(Map.of("spaces", "SP0, NOPE"))) {
            assertThat(catchError(source.validateConfig())).hasMessageContaining("Confluence spaces not found: NOPE");
        }
    }

    @Test
    void ping_wrongPassword_errorSaysConfluenceRefusedWithoutTheSecret() {
        try (ConfluenceDataSource source = source(Map.of("password", "wrong-password-value"))) {
            Throwable error = catchError(source.ping());
            assertThat(error).hasMessageContaining("did not accept the connector").hasMessageContaining("401");
            assertThat(error.getMessage()).doesNotContain("wrong-password-value");
        }
    }

    @Test
    void validateFiltering_cqlConfluenceRefuses_errorWithConfluencesMessage() {
        try (ConfluenceDataSource source = source(Map.of())) {
            Filtering rules = new Filtering(List.of(), List.of(Map.of("query", "type = = page")));
            assertThat(catchError(source.validateFiltering(rules))).hasMessageContaining("Confluence refused advanced sync rules")
                    .hasMessageContaining("Could not parse cql");
        }
    }

    @Test
    void validateFiltering_wrongShape_everyProblemNamed() {
        try (ConfluenceDataSource source = source(Map.of())) {
            Filtering rules = new Filtering(List.of(), List.of(Map.of("cql", "type = page"), "text"));
            assertThat(catchError(source.validateFiltering(rules))).hasMessageContaining("rule 1").hasMessageContaining("rule 2")
                    .hasMessageContaining("<CQL>");
        }
    }

    @Test
    void docs_advancedRule_onlyWhatTheCqlMatches() {
        try (ConfluenceDataSource source = source(Map.of())) {
            Filtering rules = new Filtering(List.of(), List.of(Map.of("query", "type = page and label = \"ftest\"")));
            List<SourceDocument> documents = source.docs(rules).collectList().block(TIMEOUT);

            Set<String> expected = mock.data().content().stream()
                    .filter(item -> item.type().equals("page") && item.status() == Status.CURRENT && item.labels().contains("ftest"))
                    .map(item -> "page-" + item.id()).collect(Collectors.toSet());
            assertThat(ids(documents)).filteredOn(id -> !id.startsWith("attachment-")).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void docsIncrementally_cursorAfterEverything_nothing() {
        try (ConfluenceDataSource source = source(Map.of())) {
            List<SourceChange> changes = source.docsIncrementally(Map.of("confluence_modified_since",
                    Instant.now().plus(Duration.ofDays(1)).toString()), Filtering.NONE).collectList().block(TIMEOUT);
            assertThat(changes).isEmpty();
            assertThat(source.syncCursor()).containsKey("confluence_modified_since");
        }
    }

    private static Throwable catchError(reactor.core.publisher.Mono<Void> mono) {
        try {
            mono.block(TIMEOUT);
        } catch (RuntimeException error) {
            return error;
        }
        throw new AssertionError("expected an error");
    }
}
