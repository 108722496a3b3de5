package io.connectors.ftest.jira;

import io.connectors.api.source.DataSource;
import io.connectors.ftest.jira.JiraData.Issue;
import io.connectors.jira.JiraDataSource;
import io.connectors.testkit.contract.SourceFixture;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The mock Jira (Cloud) as the contract kit's fixture: 30 issues in 3 projects, with comments and attachments
 * (text, PDF, DOCX, a corrupt one). Documents change the way a user changes them, through the mock's data: an edited
 * summary, a deleted issue, a new issue with a text attachment.
 */
final class JiraContractFixture implements SourceFixture {

    private static final int ISSUES = 30;

    private final MockJira mock;
    private final AtomicInteger edits = new AtomicInteger();
    private final AtomicInteger additions = new AtomicInteger();

    JiraContractFixture() {
        // a small oversized attachment: skipped as too large all the same, without moving megabytes on every sync
        this.mock = MockJira.start(MockJira.Options.of(MockJira.Flavor.CLOUD, ISSUES).withOversizedBytes(64 << 10));
    }

    @Override
    public Class<? extends DataSource> sourceClass() {
        return JiraDataSource.class;
    }

    @Override
    public Map<String, Object> configuration() {
        return Map.of("data_source", "jira_cloud", "jira_url", mock.url(),
                "account_email", mock.options().user(), "api_token", mock.options().secret());
    }

    @Override
    public Optional<Map<String, Object>> badCredentialsConfiguration() {
        Map<String, Object> bad = new HashMap<>(configuration());
        bad.put("api_token", "wrong-token-value");
        return Optional.of(bad);
    }

    @Override
    public String changeOneDocument() {
        List<Issue> issues = mock.data().issues();
        Issue issue = issues.get(edits.get() % issues.size());
        mock.data().update(issue.key(), "Edited summary " + edits.incrementAndGet(), null, null, null);
        return "issue-" + issue.id();
    }

    @Override
    public String deleteOneDocument() {
        Issue issue = mock.data().issues().getLast();
        mock.data().delete(issue.key());
        return "issue-" + issue.id();
    }

    @Override
    public String addOneDocument() {
        String project = mock.data().projects().getFirst().key();
        Issue issue = mock.data().add(project, "Added issue " + additions.incrementAndGet(), null, List.of("docs"), true);
        return "issue-" + issue.id();
    }

    @Override
    public void close() {
        mock.close();
    }
}
