package io.connectors.examples.rss;

import io.connectors.testkit.contract.SourceContractTest;
import io.connectors.testkit.contract.SourceFixture;

/** The RSS source against the contract kit: each of the kit's checks is a test of this class. */
class RssContractIT extends SourceContractTest {

    @Override
    protected SourceFixture createFixture() {
        return new RssFixture();
    }
}
