package io.connectors.testkit.contract;

import io.connectors.api.source.DataSource;
import java.util.Map;
import java.util.Optional;

/**
 * What the contract kit needs from a source's test: the source, a configuration that reaches some test data (a mock
 * server, a sandbox account, an in-memory store), and three ways to change that data between syncs.
 *
 * <p>The data should be small (a few dozen documents; the kit reads whole indices, at most 10,000 documents) and
 * must not change by itself: two syncs with no call in between must see the same documents with the same change
 * markers. The kit calls the mutators several times over a run, each time on data it has just synced, so each call
 * must find something to change, delete or add: start with at least ten documents.
 *
 * <p>The kit creates the fixture once per test class and closes it after the last check.
 */
public interface SourceFixture extends AutoCloseable {

    /**
     * The source under test: the class {@code config.yml}'s {@code sources:} would name. Its
     * {@link io.connectors.api.source.DataSourceDescriptor} must be listed in
     * {@code META-INF/services/io.connectors.api.source.DataSourceDescriptor} on the test class path.
     */
    Class<? extends DataSource> sourceClass();

    /**
     * The connector's configuration, key to value as a user would set it ({@code "10"} or {@code 10} for an int).
     * Give every sensitive field a distinctive value of 8 characters or more: the kit looks for those values in every
     * log line and document of the run, so {@code "x"} would match everywhere.
     */
    Map<String, Object> configuration();

    /**
     * The same configuration with credentials the source must refuse (a wrong token, a wrong password), or empty when
     * the source has no credentials; the bad-credentials check is then skipped.
     */
    default Optional<Map<String, Object>> badCredentialsConfiguration() {
        return Optional.empty();
    }

    /**
     * Changes the content of one document the source serves, as a user would edit it (so that its last-modified time
     * or version moves, if the system has one). Returns that document's id as the source emits it.
     */
    String changeOneDocument();

    /** Deletes one document the source serves. Returns its id as the source emitted it. */
    String deleteOneDocument();

    /** Adds one document to what the source serves. Returns its id as the source will emit it. */
    String addOneDocument();

    /**
     * Whether the source's incremental syncs report deletions. Many systems' change feeds do not (Jira's search
     * cannot return a deleted issue); a full sync then removes them. When false, the kit compares an incremental sync
     * with a full sync after changes and additions only.
     */
    default boolean incrementalSyncsReportDeletions() {
        return false;
    }

    /** Stops what the fixture started (a mock server). */
    @Override
    default void close() {}
}
