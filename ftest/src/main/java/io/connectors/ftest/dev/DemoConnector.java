package io.connectors.ftest.dev;

import io.connectors.api.config.ConfigSchema;
import io.connectors.ftest.jira.JiraData;
import io.connectors.ftest.jira.MockJira;
import io.connectors.jira.JiraDataSource;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code make run} syncs: a connector of a source, what it reaches, and a search to try once it is synced.
 * Closing it stops what it started (the mock Jira).
 *
 * @param tryQuery     the {@code q=} of a search worth trying in the synced index
 * @param whatToExpect what that search finds
 */
record DemoConnector(String id, String name, String index, String serviceType, String sourceClass,
                     ConfigSchema schema, Map<String, Object> configuration, String tryQuery, String whatToExpect,
                     AutoCloseable started) implements AutoCloseable {

    /** The choices of {@code make run DEMO=...}. */
    static DemoConnector named(String demo) {
        return switch (demo.toLowerCase(Locale.ROOT)) {
            case "jira" -> jira();
            case "articles" -> articles();
            default -> throw new IllegalArgumentException("DEMO=" + demo + " is not a demo: jira (the default) or articles");
        };
    }

    /**
     * The Jira source against the mock Jira (Cloud) on a free port: 200 issues in 3 projects, with comments and
     * attachments (text, PDF, DOCX), whose text Tika extracts into {@code body}.
     */
    static DemoConnector jira() {
        MockJira mock = MockJira.start(MockJira.Options.of(MockJira.Flavor.CLOUD, 200));
        JiraData.AttachmentFile pdf = mock.data().issues().stream()
                .flatMap(issue -> issue.attachments().stream())
                .filter(file -> file.kind() == JiraData.Kind.PDF)
                .min(Comparator.comparing(JiraData.AttachmentFile::id))
                .orElseThrow();
        String issueKey = mock.data().issues().stream()
                .filter(issue -> issue.attachments().contains(pdf))
                .map(JiraData.Issue::key)
                .findFirst()
                .orElseThrow();
        Map<String, Object> configuration = Map.of("data_source", "jira_cloud", "jira_url", mock.url(),
                "account_email", mock.options().user(), "api_token", mock.options().secret());
        return new DemoConnector("jira-demo", "Mock Jira", "search-jira", "jira", JiraDataSource.class.getName(),
                JiraDataSource.configSchema(), configuration, pdf.token(),
                "the attachment " + pdf.filename() + " of issue " + issueKey + ": that word is only in the PDF's text",
                mock);
    }

    /** Generated articles (every tenth with a text attachment): no server at all. */
    static DemoConnector articles() {
        return new DemoConnector("demo", "Demo articles", "search-demo", "demo", DemoDataSource.class.getName(),
                DemoDataSource.configSchema(), Map.of(), "runbook", "the runbook articles", () -> { });
    }

    /** The curl command of the search to try. */
    String trySearch(String elasticsearchUrl) {
        return "curl '" + elasticsearchUrl + "/" + index + "/_search?q=" + tryQuery + "&size=3&pretty'";
    }

    @Override
    public void close() throws Exception {
        started.close();
    }
}
