package io.connectors.testkit.contract;

import io.connectors.testkit.elasticsearch.ElasticsearchExtension;
import io.connectors.testkit.elasticsearch.TestElasticsearch;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The source contract as a JUnit 5 test class: extend it, return a fixture, and every check of
 * {@link SourceContract} runs as a test of its own against the real Elasticsearch of the test run.
 * <pre>{@code
 * class RssContractIT extends SourceContractTest {
 *     @Override
 *     protected SourceFixture createFixture() {
 *         return new RssFixture(MockFeedServer.start(30));
 *     }
 * }
 * }</pre>
 * The fixture is created once, before the first check, and closed after the last. The checks run in the order
 * below, the secrets last, so that its look at the logs covers the whole run.
 */
@ExtendWith(ElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class SourceContractTest {

    private @Nullable SourceFixture fixture;
    private @Nullable SourceContract contract;

    /** The fixture of the source under test; called once per test class. */
    protected abstract SourceFixture createFixture();

    @BeforeAll
    final void startContract(TestElasticsearch elasticsearch) {
        fixture = createFixture();
        contract = SourceContract.start(fixture, elasticsearch);
    }

    @AfterAll
    final void stopContract() {
        try {
            if (contract != null) {
                contract.close();
            }
        } finally {
            if (fixture != null) {
                fixture.close();
            }
        }
    }

    /** The running contract, for a subclass that adds checks of its own. */
    protected final SourceContract contract() {
        if (contract == null) {
            throw new IllegalStateException("The contract starts before the first test");
        }
        return contract;
    }

    @Test
    @Order(1)
    void configurationSchema_renderedAndResolved_isConsistent() {
        contract().checkConfigurationSchema();
    }

    @Test
    @Order(2)
    void ping_withTheFixtureConfiguration_succeeds() {
        contract().checkPing();
    }

    @Test
    @Order(3)
    void ids_twoFullSyncsOfTheSameData_areTheSame() {
        contract().checkIdsAreStable();
    }

    @Test
    @Order(4)
    void timestamps_everyDocument_isPresentAndMovesWithItsContent() {
        contract().checkTimestampsMoveWithContent();
    }

    @Test
    @Order(5)
    void fullSync_repeatedWithoutChanges_writesDeletesAndDownloadsNothing() {
        contract().checkResyncWritesNothing();
    }

    @Test
    @Order(6)
    void fullSync_afterADeletionAndAnAddition_mirrorsTheSource() {
        contract().checkFullSyncMirrorsDeletionsAndAdditions();
    }

    @Test
    @Order(7)
    void incrementalSync_afterChanges_leavesWhatAFullSyncLeaves() {
        contract().checkIncrementalAgreesWithFull();
    }

    @Test
    @Order(8)
    void badCredentials_pingAndFullSync_failClearly() {
        contract().checkBadCredentialsFailClearly();
    }

    @Test
    @Order(9)
    void secrets_wholeRun_neverShowInLogsOrDocuments() {
        contract().checkSecretsStayHidden();
    }
}
