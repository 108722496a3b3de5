package io.connectors.testkit.contract;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectors.core.testing.InMemorySource;
import io.connectors.testkit.elasticsearch.ElasticsearchExtension;
import io.connectors.testkit.elasticsearch.TestElasticsearch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The kit against sources that break one promise each: the right check fails, and says what went wrong. */
@ExtendWith(ElasticsearchExtension.class)
class SourceContractIT {

    private static TestElasticsearch elasticsearch;

    @BeforeAll
    static void connect(TestElasticsearch es) {
        elasticsearch = es;
    }

    @Test
    void start_sourceWithoutADescriptor_failsNamingTheServicesFile() {
        try (InMemoryFixture fixture = new InMemoryFixture(BrokenSources.Unregistered.class)) {
            assertThatThrownBy(() -> SourceContract.start(fixture, elasticsearch))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("The runtime cannot find io.connectors.testkit.contract.BrokenSources$Unregistered")
                    .hasMessageContaining("has no DataSourceDescriptor listed in"
                            + " META-INF/services/io.connectors.api.source.DataSourceDescriptor");
        }
    }

    @Test
    void checkIdsAreStable_idsNumberedPerSync_failsNamingTheIdsOfBothSyncs() {
        try (InMemoryFixture fixture = new InMemoryFixture(BrokenSources.UnstableIds.class);
             SourceContract contract = SourceContract.start(fixture, elasticsearch)) {
            assertThatThrownBy(contract::checkIdsAreStable)
                    .isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("UnstableIds breaks the source contract: ids are not stable: two full syncs"
                            + " over the same data indexed different ids, 30 only in the first [doc-0-sync")
                    .hasMessageContaining(", 30 only in the second [doc-0-sync")
                    .hasMessageContaining("(30 in all)")
                    .hasMessageContaining("never from a counter, a random UUID or the time of the sync");
        }
    }

    @Test
    void checkTimestampsMoveWithContent_oneTimestampForEveryRevision_failsSayingTheChangeWasSkipped() {
        try (InMemoryFixture fixture = new InMemoryFixture(BrokenSources.ConstantTimestamp.class);
             SourceContract contract = SourceContract.start(fixture, elasticsearch)) {
            assertThatCode(contract::checkIdsAreStable).doesNotThrowAnyException();

            assertThatThrownBy(contract::checkTimestampsMoveWithContent)
                    .isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("ConstantTimestamp breaks the source contract: document 'doc-0' changed in"
                            + " the source (fixture.changeOneDocument()) but kept its _timestamp '2026-01-01T00:00:00Z',"
                            + " so the next full sync skipped it and the index still holds the old content")
                    .hasMessageContaining("30 unchanged")
                    .hasMessageContaining("use the item's last-modified time or version, not a constant");
        }
    }

    @Test
    void checkTimestampsMoveWithContent_emptyTimestamps_failsCountingTheDocumentsWithout() {
        try (InMemoryFixture fixture = new InMemoryFixture(BrokenSources.EmptyTimestamp.class);
             SourceContract contract = SourceContract.start(fixture, elasticsearch)) {
            assertThatThrownBy(contract::checkTimestampsMoveWithContent)
                    .isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("EmptyTimestamp breaks the source contract: 30 of 30 documents have no"
                            + " _timestamp [doc-0, doc-1, doc-10, doc-11, doc-12, ... (30 in all)]")
                    .hasMessageContaining("SourceDocument.timestamp() is the change marker");
        }
    }

    @Test
    void checkResyncWritesNothing_timeOfTheSyncAsTimestamp_failsShowingTheTimestampsThatMoved() {
        try (InMemoryFixture fixture = new InMemoryFixture(BrokenSources.SyncTimeTimestamp.class);
             SourceContract contract = SourceContract.start(fixture, elasticsearch)) {
            assertThatThrownBy(contract::checkResyncWritesNothing)
                    .isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("SyncTimeTimestamp breaks the source contract: a second full sync over"
                            + " unchanged data wrote 30 of 30 documents (0 created, 30 updated) and deleted 0;"
                            + " _timestamps that moved:\n    'doc-0': _timestamp '")
                    .hasMessageContaining("(30 in all)")
                    .hasMessageContaining("never the time of the sync");
        }
    }

    @Test
    void checkIncrementalAgreesWithFull_incrementalReportsNothing_failsListingWhatItMissed() {
        try (InMemoryFixture fixture = new InMemoryFixture(BrokenSources.BlindIncremental.class);
             SourceContract contract = SourceContract.start(fixture, elasticsearch)) {
            assertThatThrownBy(contract::checkIncrementalAgreesWithFull)
                    .isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("BlindIncremental breaks the source contract: after changes (changed"
                            + " 'doc-0', added 'added-1', deleted 'doc-9') an incremental sync (incremental sync completed")
                    .hasMessageContaining("left the index different from a full sync of the same data;"
                            + " only after the incremental sync: [doc-9]; only after the full sync: [added-1];"
                            + " different content (1):\n    'doc-0': field '_timestamp' is \"2026-01-01T00:00:00Z#v1\""
                            + " after the incremental sync, \"2026-01-01T00:00:00Z#v2\" after the full sync.")
                    .hasMessageContaining("docsIncrementally(cursor) must report every change");
        }
    }

    @Test
    void checkBadCredentialsFailClearly_pingIgnoresCredentials_failsSayingThePingSucceeded() {
        try (InMemoryFixture fixture = new InMemoryFixture(BrokenSources.IgnoresCredentials.class);
             SourceContract contract = SourceContract.start(fixture, elasticsearch)) {
            assertThatThrownBy(contract::checkBadCredentialsFailClearly)
                    .isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("IgnoresCredentials breaks the source contract: ping() with"
                            + " fixture.badCredentialsConfiguration() succeeded.")
                    .hasMessageContaining("a request that needs them");
        }
    }

    @Test
    void checkBadCredentialsFailClearly_syncCompletesEmpty_failsSayingItWouldDeleteEverything() {
        try (InMemoryFixture fixture = new InMemoryFixture(InMemorySource.class, false);
             SourceContract contract = SourceContract.start(fixture, elasticsearch)) {
            assertThatThrownBy(contract::checkBadCredentialsFailClearly)
                    .isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("InMemorySource breaks the source contract: a full sync with bad credentials"
                            + " completed (full sync completed in")
                    .hasMessageContaining("30 deleted")
                    .hasMessageContaining("a full sync that completes deletes every document it did not stream");
        }
    }

    @Test
    void checkSecretsStayHidden_secretInADebugLine_failsWithoutQuotingTheSecret() {
        try (InMemoryFixture fixture = new InMemoryFixture(BrokenSources.LeakySecret.class);
             SourceContract contract = SourceContract.start(fixture, elasticsearch)) {
            assertThatThrownBy(contract::checkSecretsStayHidden)
                    .isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("LeakySecret breaks the source contract: a sensitive value (masked here)"
                            + " shows in ")
                    .hasMessageContaining("the value of sensitive field 'secret' in a DEBUG log line of"
                            + " io.connectors.source.")
                    .hasMessageContaining("with secret ********")
                    .hasMessageContaining("never log it (not even at DEBUG)")
                    .message().doesNotContain(InMemoryFixture.SECRET);
        }
    }

    @Test
    void checkSecretsStayHidden_shortSecret_failsAskingForADistinctiveValue() {
        try (InMemoryFixture fixture = new InMemoryFixture(InMemorySource.class).withSecret("abc");
             SourceContract contract = SourceContract.start(fixture, elasticsearch)) {
            assertThatThrownBy(contract::checkSecretsStayHidden)
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("the fixture's value of sensitive field 'secret' has 3 characters, too short")
                    .hasMessageContaining("8 characters or more");
        }
    }
}
