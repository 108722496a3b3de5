package io.connectors.testkit.contract;

import io.connectors.core.testing.InMemorySource;

/** The reference source keeps the whole contract: every check of the kit passes. */
class InMemorySourceContractIT extends SourceContractTest {

    @Override
    protected SourceFixture createFixture() {
        return new InMemoryFixture(InMemorySource.class);
    }
}
