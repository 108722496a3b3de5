package io.connectors.ftest.jira;

import io.connectors.testkit.contract.SourceContractTest;
import io.connectors.testkit.contract.SourceFixture;

/**
 * JiraDataSource keeps the source contract against the mock Jira. Its incremental syncs cannot see deleted issues
 * (Jira's search does not return them), so the kit compares them with a full sync after edits and additions only.
 */
class JiraContractIT extends SourceContractTest {

    @Override
    protected SourceFixture createFixture() {
        return new JiraContractFixture();
    }
}
