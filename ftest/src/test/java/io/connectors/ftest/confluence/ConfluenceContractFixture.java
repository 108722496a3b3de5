package io.connectors.ftest.confluence;

import io.connectors.api.source.DataSource;
import io.connectors.confluence.ConfluenceDataSource;
import io.connectors.ftest.confluence.ConfluenceData.Content;
import io.connectors.ftest.confluence.ConfluenceData.Status;
import io.connectors.testkit.contract.SourceFixture;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The mock Confluence (Cloud) as the contract kit's fixture: 30 pages and blog posts in 3 spaces with comments and
 * attachments (text, PDF, DOCX, a corrupt one, a small oversized one). Documents change the way a user changes them:
 * an edited page, a deleted page, a new page with a text attachment.
 */
final class ConfluenceContractFixture implements SourceFixture {

    private final MockConfluence mock = MockConfluence.start(MockConfluence.Options.of(MockConfluence.Flavor.CLOUD, 30)
            .withOversizedBytes(64 << 10));
    private final AtomicInteger edits = new AtomicInteger();
    private final AtomicInteger additions = new AtomicInteger();

    @Override
    public Class<? extends DataSource> sourceClass() {
        return ConfluenceDataSource.class;
    }

    @Override
    public Map<String, Object> configuration() {
        return Map.of("data_source", "confluence_cloud", "confluence_url", mock.url(),
                "account_email", mock.options().user(), "api_token", mock.options().secret());
    }

    @Override
    public Optional<Map<String, Object>> badCredentialsConfiguration() {
        Map<String, Object> bad = new HashMap<>(configuration());
        bad.put("api_token", "wrong-token-value");
        return Optional.of(bad);
    }

    private List<Content> pages() {
        return mock.data().content().stream()
                .filter(item -> item.type().equals("page") && item.status() == Status.CURRENT && !item.restricted()).toList();
    }

    @Override
    public String changeOneDocument() {
        List<Content> pages = pages();
        Content page = pages.get(edits.get() % pages.size());
        mock.data().updatePage(page.id(), "Edited title " + edits.incrementAndGet(), "Edited paragraph");
        return "page-" + page.id();
    }

    @Override
    public String deleteOneDocument() {
        Content page = pages().getLast();
        mock.data().delete(page.id());
        return "page-" + page.id();
    }

    @Override
    public String addOneDocument() {
        Content page = mock.data().addPage("SP0", "Added page " + additions.incrementAndGet(), true);
        return "page-" + page.id();
    }

    @Override
    public void close() {
        mock.close();
    }
}
