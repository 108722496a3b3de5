package io.connectors.ftest.confluence;

import io.connectors.testkit.contract.SourceContractTest;
import io.connectors.testkit.contract.SourceFixture;

/**
 * ConfluenceDataSource keeps the source contract against the mock Confluence (Cloud). Its incremental syncs cannot
 * see deleted pages (CQL does not return them), so the kit compares them with a full sync after edits and additions.
 */
class ConfluenceContractIT extends SourceContractTest {

    @Override
    protected SourceFixture createFixture() {
        return new ConfluenceContractFixture();
    }
}
