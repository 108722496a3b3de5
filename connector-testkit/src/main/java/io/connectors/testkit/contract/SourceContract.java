package io.connectors.testkit.contract;

import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectors.api.config.ConfigField;
import io.connectors.api.config.ConfigSchema;
import io.connectors.api.config.ConfigurationProblem;
import io.connectors.api.config.SourceConfiguration;
import io.connectors.api.source.DataSource;
import io.connectors.core.json.Json;
import io.connectors.core.protocol.JobStatus;
import io.connectors.core.sync.SyncReport;
import io.connectors.testkit.contract.SyncJobs.Outcome;
import io.connectors.testkit.contract.SyncJobs.TestConnector;
import io.connectors.testkit.elasticsearch.TestElasticsearch;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import reactor.core.Exceptions;

/**
 * The promises a source makes to the sync engine, checked by running it through the real engine into a real
 * Elasticsearch: every sync is a job of a connector document, run by the daemon's own job runner. Each check stands
 * alone (its own connectors and indices) and throws an {@link AssertionError} that says what the source did, why
 * it matters and what to change; it never quotes a secret.
 *
 * <p>{@link SourceContractTest} runs every check as a test; call the checks directly to run some of them, or to
 * assert on a failure. Checks change the fixture's data through its mutators and leave it changed.
 *
 * <p>From {@link #start} to {@link #close()} every log line of the JVM is kept (the runtime's and the source's
 * loggers at DEBUG), for {@link #checkSecretsStayHidden()}.
 */
public final class SourceContract implements AutoCloseable {

    private static final int SHORTEST_SECRET = 8;

    private final SourceFixture fixture;
    private final SyncJobs jobs;
    private final LogCapture logs;
    private final String name;
    private final List<String> pingErrors = new ArrayList<>();

    private SourceContract(SourceFixture fixture, SyncJobs jobs, LogCapture logs) {
        this.fixture = fixture;
        this.jobs = jobs;
        this.logs = logs;
        this.name = fixture.sourceClass().getSimpleName();
    }

    /**
     * Finds the source's descriptor as the runtime does, creates this run's control indices, and starts keeping log
     * lines. Fails with an {@link AssertionError} when the runtime cannot find the source.
     */
    public static SourceContract start(SourceFixture fixture, TestElasticsearch elasticsearch) {
        LogCapture logs = LogCapture.start(List.of("io.connectors", fixture.sourceClass().getPackageName()));
        try {
            return new SourceContract(fixture, SyncJobs.start(elasticsearch, fixture.sourceClass()), logs);
        } catch (RuntimeException | Error e) {
            logs.close();
            throw e;
        }
    }

    /**
     * The configuration schema renders (the connector document as JSON, the reference table), every default holds
     * on an unconfigured connector, and the fixture's configurations resolve without problems and without undeclared
     * keys, to the same values whether given directly or read back from the connector document as the daemon reads
     * them. Printed forms of the configuration mask its secrets.
     */
    public void checkConfigurationSchema() {
        ConfigSchema schema = jobs.descriptor().configSchema();
        String markdown;
        try {
            Json.mapper().writeValueAsString(schema.toConnectorDocument(Map.of()));
            markdown = schema.markdown();
        } catch (JsonProcessingException | RuntimeException e) {
            throw failure("its configuration schema does not render as a connector document or a reference table: "
                    + e, "Every value of a schema must be JSON-friendly (String, Number, Boolean, List, Map)");
        }
        for (ConfigField field : schema.fields()) {
            if (!markdown.contains(field.key())) {
                throw failure("the reference table of its configuration schema does not name field '" + field.key()
                        + "'", "ConfigSchema.markdown() renders every field");
            }
        }
        for (ConfigurationProblem problem : schema.validate(Map.of())) {
            ConfigField field = schema.field(problem.key()).orElse(null);
            if (field != null && field.defaultValue() != null) {
                throw failure("field '" + field.key() + "' has a default, yet an unconfigured connector reports: "
                        + problem.message(), "A default must satisfy its own field, and its dependencies' defaults");
            }
        }
        checkResolves(schema, fixture.configuration(), "fixture.configuration()");
        fixture.badCredentialsConfiguration()
                .ifPresent(bad -> checkResolves(schema, bad, "fixture.badCredentialsConfiguration()"));
        Secrets secrets = secrets();
        SourceConfiguration resolved = schema.resolve(fixture.configuration());
        List<Secrets.Leak> leaks = new ArrayList<>(secrets.in(resolved.toString(), "SourceConfiguration.toString()"));
        leaks.addAll(secrets.in(schema.masked(fixture.configuration()).toString(), "ConfigSchema.masked()"));
        leaks.addAll(secrets.in(markdown, "the reference table"));
        if (!leaks.isEmpty()) {
            throw failure("its configuration prints secrets: " + leaks, "Mark every secret field .sensitive()");
        }
    }

    private void checkResolves(ConfigSchema schema, Map<String, Object> configuration, String what) {
        List<ConfigurationProblem> problems = schema.validate(configuration);
        if (!problems.isEmpty()) {
            throw failure(what + " does not satisfy the configuration schema: "
                    + problems.stream().map(ConfigurationProblem::message).collect(Collectors.joining("; ")),
                    "Fix the fixture, or the schema if the fixture is what a user would set");
        }
        SourceConfiguration direct = schema.resolve(configuration);
        if (!direct.unknownKeys().isEmpty()) {
            throw failure(what + " sets keys the configuration schema does not declare: " + direct.unknownKeys(),
                    "A typo in the fixture, or a field missing from the schema: the daemon ignores undeclared keys");
        }
        SourceConfiguration stored = schema.resolve(schema.fromConnectorDocument(schema.toConnectorDocument(configuration)));
        Set<String> keys = new LinkedHashSet<>(direct.asMap().keySet());
        keys.addAll(stored.asMap().keySet());
        Map<String, String> differences = new TreeMap<>();
        for (String key : keys) {
            Object given = direct.asMap().get(key);
            Object read = stored.asMap().get(key);
            if (!Objects.equals(given, read)) {
                boolean sensitive = schema.field(key).map(ConfigField::sensitive).orElse(false);
                differences.put(key, sensitive ? "differs (sensitive, not shown)" : "is " + given + " when given, "
                        + read + " when read back");
            }
        }
        if (!differences.isEmpty()) {
            throw failure(what + " reads differently once written into a connector document:"
                    + IndexContents.examples(differences), "The daemon reads a connector's configuration from its"
                    + " document: each field's value must survive ConfigSchema.toConnectorDocument and fromConnectorDocument");
        }
    }

    /** Ping succeeds with the fixture's configuration. */
    public void checkPing() {
        String error = pingError(fixture.configuration());
        if (error != null) {
            throw failure("ping() with fixture.configuration() failed: " + error,
                    "ping() must complete empty when the system answers and accepts the credentials");
        }
    }

    /**
     * Two full syncs of the same data, each into a new index, index the same ids, and the first one names each id
     * once.
     */
    public void checkIdsAreStable() {
        TestConnector first = jobs.connector("ids-first", fixture.configuration());
        Outcome one = requireCompleted(jobs.full(first), "the first full sync");
        IndexContents a = requireDocuments(jobs.contents(first));
        long written = Objects.requireNonNull(one.report()).indexed();
        if (written != a.size()) {
            throw failure("its first full sync wrote " + written + " documents into an empty index, which then held "
                    + a.size() + ": it emitted some ids more than once", "An id must be unique within a connector: it"
                    + " becomes the document's _id, so a repeat overwrites the earlier document");
        }
        TestConnector second = jobs.connector("ids-second", fixture.configuration());
        requireCompleted(jobs.full(second), "the second full sync");
        IndexContents b = jobs.contents(second);
        Set<String> onlyFirst = a.missingFrom(b);
        Set<String> onlySecond = b.missingFrom(a);
        if (!onlyFirst.isEmpty() || !onlySecond.isEmpty()) {
            throw failure("ids are not stable: two full syncs over the same data indexed different ids, "
                    + onlyFirst.size() + " only in the first " + IndexContents.examples(onlyFirst) + ", "
                    + onlySecond.size() + " only in the second " + IndexContents.examples(onlySecond),
                    "An id must come from the item's own identifier in the source, never from a counter, a random UUID"
                            + " or the time of the sync: each sync would delete and re-create every document");
        }
    }

    /**
     * Every document has a non-empty {@code _timestamp}, and a document changed in the source
     * ({@link SourceFixture#changeOneDocument()}) gets a new one on the next full sync.
     */
    public void checkTimestampsMoveWithContent() {
        TestConnector connector = jobs.connector("timestamps", fixture.configuration());
        requireCompleted(jobs.full(connector), "the first full sync");
        IndexContents before = requireDocuments(jobs.contents(connector));
        Set<String> blank = before.withoutTimestamp();
        if (!blank.isEmpty()) {
            throw failure(blank.size() + " of " + before.size() + " documents have no _timestamp "
                    + IndexContents.examples(blank), "SourceDocument.timestamp() is the change marker the engine"
                    + " compares to skip unchanged documents: give the item's last-modified time or version");
        }
        String changed = fixture.changeOneDocument();
        requireIndexed(before, changed, "changeOneDocument()");
        Outcome second = requireCompleted(jobs.full(connector), "the full sync after fixture.changeOneDocument()");
        IndexContents after = jobs.contents(connector);
        if (!after.has(changed)) {
            throw failure("document '" + changed + "' changed in the source (fixture.changeOneDocument()) and was gone"
                    + " from the index after the next full sync (" + second.describe() + ")",
                    "A changed document keeps its id");
        }
        if (Objects.equals(before.timestamp(changed), after.timestamp(changed))) {
            throw failure("document '" + changed + "' changed in the source (fixture.changeOneDocument()) but kept its"
                    + " _timestamp '" + before.timestamp(changed) + "', so the next full sync skipped it and the index"
                    + " still holds the old content (" + second.describe() + ")", "The _timestamp must move whenever"
                    + " the content does: use the item's last-modified time or version, not a constant");
        }
    }

    /** A second full sync over unchanged data writes nothing, deletes nothing and downloads no attachment. */
    public void checkResyncWritesNothing() {
        TestConnector connector = jobs.connector("resync", fixture.configuration());
        requireCompleted(jobs.full(connector), "the first full sync");
        IndexContents before = requireDocuments(jobs.contents(connector));
        Outcome second = requireCompleted(jobs.full(connector), "the second full sync");
        SyncReport report = Objects.requireNonNull(second.report());
        if (report.indexed() > 0 || report.deleted() > 0) {
            IndexContents after = jobs.contents(connector);
            Map<String, String> moved = new TreeMap<>();
            for (String id : before.ids()) {
                if (after.has(id) && !Objects.equals(before.timestamp(id), after.timestamp(id))) {
                    moved.put(id, "_timestamp '" + before.timestamp(id) + "', then '" + after.timestamp(id) + "'");
                }
            }
            throw failure("a second full sync over unchanged data wrote " + report.indexed() + " of " + before.size()
                    + " documents (" + report.created() + " created, " + report.updated() + " updated) and deleted "
                    + report.deleted() + (moved.isEmpty() ? "" : "; _timestamps that moved:" + IndexContents.examples(moved)),
                    "Without changes a full sync must write nothing: a document's _timestamp must stay put while its"
                            + " content does (never the time of the sync) and its id must not change");
        }
        if (report.attachmentsDownloaded() > 0) {
            throw failure("a second full sync over unchanged data downloaded " + report.attachmentsDownloaded()
                    + " attachments", "An attachment's content is a lazy Flux that the engine subscribes to only for"
                    + " a document that changed");
        }
    }

    /**
     * After {@link SourceFixture#deleteOneDocument()} and {@link SourceFixture#addOneDocument()}, a full sync removes
     * the deleted document from the index and indexes the added one.
     */
    public void checkFullSyncMirrorsDeletionsAndAdditions() {
        TestConnector connector = jobs.connector("deletions", fixture.configuration());
        requireCompleted(jobs.full(connector), "the first full sync");
        IndexContents before = requireDocuments(jobs.contents(connector));
        String deleted = fixture.deleteOneDocument();
        requireIndexed(before, deleted, "deleteOneDocument()");
        String added = fixture.addOneDocument();
        if (before.has(added)) {
            throw failure("fixture.addOneDocument() returned '" + added + "', which the index held before the addition",
                    "Return the id of the new document");
        }
        Outcome second = requireCompleted(jobs.full(connector), "the full sync after a deletion and an addition");
        IndexContents after = jobs.contents(connector);
        if (after.has(deleted)) {
            throw failure("document '" + deleted + "' was deleted in the source (fixture.deleteOneDocument()) but was"
                    + " still in the index after the next full sync (" + second.describe() + ")", "A full sync must"
                    + " stream exactly the documents that exist now: the engine deletes the ones it did not see");
        }
        if (!after.has(added)) {
            throw failure("document '" + added + "' was added to the source (fixture.addOneDocument()) but was not in"
                    + " the index after the next full sync (" + second.describe() + ")",
                    "A full sync must stream every document that exists now");
        }
    }

    /** Whether the source says it supports incremental syncs. */
    public boolean supportsIncremental() {
        try (DataSource source = jobs.source(fixture.configuration())) {
            return source.supportsIncremental();
        }
    }

    /**
     * After changes ({@link SourceFixture#changeOneDocument()}, {@link SourceFixture#addOneDocument()}, and
     * {@link SourceFixture#deleteOneDocument()} when the fixture says incremental syncs see deletions), an incremental
     * sync leaves the index as a fresh full sync of the same data does. Skipped (a JUnit assumption) for a source
     * without incremental syncs.
     */
    public void checkIncrementalAgreesWithFull() {
        Assumptions.assumeTrue(supportsIncremental(), () -> name + " does not support incremental syncs");
        TestConnector connector = jobs.connector("incremental", fixture.configuration());
        requireCompleted(jobs.full(connector), "the full sync before the incremental one");
        String changed = fixture.changeOneDocument();
        String added = fixture.addOneDocument();
        String deleted = fixture.incrementalSyncsReportDeletions() ? fixture.deleteOneDocument() : null;
        Outcome incremental = requireCompleted(jobs.incremental(connector), "the incremental sync");
        TestConnector reference = jobs.connector("incremental-reference", fixture.configuration());
        requireCompleted(jobs.full(reference), "the full sync of the same data into a new index");
        IndexContents afterIncremental = jobs.contents(connector);
        IndexContents afterFull = jobs.contents(reference);
        Set<String> onlyIncremental = afterIncremental.missingFrom(afterFull);
        Set<String> onlyFull = afterFull.missingFrom(afterIncremental);
        Map<String, String> different = afterIncremental.differencesFrom(afterFull, "after the incremental sync",
                "after the full sync");
        if (!onlyIncremental.isEmpty() || !onlyFull.isEmpty() || !different.isEmpty()) {
            List<String> differences = new ArrayList<>();
            if (!onlyIncremental.isEmpty()) {
                differences.add("only after the incremental sync: " + IndexContents.examples(onlyIncremental));
            }
            if (!onlyFull.isEmpty()) {
                differences.add("only after the full sync: " + IndexContents.examples(onlyFull));
            }
            if (!different.isEmpty()) {
                differences.add("different content (" + different.size() + "):" + IndexContents.examples(different));
            }
            throw failure("after changes (changed '" + changed + "', added '" + added + "'"
                    + (deleted == null ? "" : ", deleted '" + deleted + "'") + ") an incremental sync ("
                    + incremental.describe() + ") left the index different from a full sync of the same data; "
                    + String.join("; ", differences), "docsIncrementally(cursor) must report every change since the"
                    + " cursor that syncCursor() returned after the previous sync, as the full sync would see it");
        }
    }

    /**
     * Ping fails with a clear message with bad credentials, and a full sync with them fails (rather than completing
     * empty, which would delete every document), with a clear error on the job; no message quotes a secret. Skipped
     * (a JUnit assumption) when the fixture has no bad-credentials configuration.
     */
    public void checkBadCredentialsFailClearly() {
        Map<String, Object> bad = fixture.badCredentialsConfiguration().orElse(null);
        Assumptions.assumeTrue(bad != null, "fixture.badCredentialsConfiguration() is empty: the source has no credentials");
        Secrets secrets = secrets();
        String pingError = pingError(bad);
        if (pingError == null) {
            throw failure("ping() with fixture.badCredentialsConfiguration() succeeded", "ping() must check the"
                    + " credentials with a request that needs them, so that a wrong token shows when the connector is"
                    + " configured rather than as an empty sync");
        }
        requireClear(pingError, "ping() with bad credentials", secrets);
        TestConnector good = jobs.connector("credentials", fixture.configuration());
        requireCompleted(jobs.full(good), "the full sync with fixture.configuration()");
        long held = jobs.contents(good).size();
        TestConnector refused = jobs.connector("credentials-bad", bad, good.index());
        Outcome outcome = jobs.full(refused);
        if (outcome.status() == JobStatus.COMPLETED) {
            throw failure("a full sync with bad credentials completed (" + secrets.mask(outcome.describe())
                    + ") into an index of " + held + " documents", "A source must signal an authentication failure"
                    + " as an error: a full sync that completes deletes every document it did not stream");
        }
        requireClear(outcome.error() == null ? "" : outcome.error(), "the error of a full sync job with bad"
                + " credentials", secrets);
    }

    /**
     * The values of sensitive fields (of both fixture configurations) appear in no log line of the whole run (every
     * check run so far, and a full, an incremental and a bad-credentials sync and ping run here), in no connector or
     * job document outside the configuration values where Kibana keeps them, in no indexed document and in no ping
     * error. Skipped (a JUnit assumption) when no sensitive field has a value.
     */
    public void checkSecretsStayHidden() {
        Secrets secrets = secrets();
        Assumptions.assumeFalse(secrets.isEmpty(), () -> "no sensitive field of " + name + " has a value in the fixture:"
                + " nothing to look for");
        secrets.byValue().forEach((value, key) -> {
            if (value.length() < SHORTEST_SECRET) {
                // not masked: masking a value this short would garble the message itself
                throw new AssertionError(name + " cannot be checked for leaks: the fixture's value of sensitive field '"
                        + key + "' has " + value.length() + " characters, too short to be told apart in logs and"
                        + " documents.\nGive it a distinctive value of " + SHORTEST_SECRET + " characters or more.");
            }
        });
        TestConnector connector = jobs.connector("secrets", fixture.configuration());
        jobs.full(connector);
        if (supportsIncremental()) {
            jobs.incremental(connector);
        }
        pingError(fixture.configuration());
        fixture.badCredentialsConfiguration().ifPresent(bad -> {
            pingError(bad);
            jobs.full(jobs.connector("secrets-bad", bad));
        });

        List<Secrets.Leak> leaks = new ArrayList<>();
        for (LogCapture.Line line : logs.lines()) {
            leaks.addAll(secrets.in(line.text(), "a " + line.level() + " log line of " + line.logger()));
        }
        for (Hit<ObjectNode> hit : jobs.controlDocuments(jobs.indices().connectors())) {
            leaks.addAll(secrets.in(Objects.requireNonNull(hit.source()), "connector document " + hit.id(),
                    path -> path.matches("configuration\\.[^.]+\\.(value|default_value)")));
        }
        for (Hit<ObjectNode> hit : jobs.controlDocuments(jobs.indices().jobs())) {
            leaks.addAll(secrets.in(Objects.requireNonNull(hit.source()), "sync job document " + hit.id(),
                    path -> path.matches("connector\\.configuration\\.[^.]+\\.(value|default_value)")));
        }
        Set<String> indices = jobs.connectors().stream().map(TestConnector::index).collect(Collectors.toCollection(LinkedHashSet::new));
        for (String index : indices) {
            IndexContents contents = IndexContents.read(jobs.client(), index);
            for (String id : contents.ids()) {
                leaks.addAll(secrets.in(Objects.requireNonNull(contents.document(id)),
                        "document '" + id + "' of index " + index, path -> false));
            }
        }
        for (String error : pingErrors) {
            leaks.addAll(secrets.in(error, "the error of a ping"));
        }
        if (!leaks.isEmpty()) {
            throw failure("a sensitive value (masked here) shows in " + leaks.size() + " places:\n  - "
                    + leaks.stream().limit(10).map(Secrets.Leak::toString).collect(Collectors.joining("\n  - "))
                    + (leaks.size() > 10 ? "\n  - ..." : ""), "A secret may only be in the connector's configuration"
                    + " values, where Kibana keeps it: never log it (not even at DEBUG), and name the field rather than"
                    + " its value in messages");
        }
    }

    /** The error message of a ping with {@code configuration}, or null when it succeeded. */
    private @Nullable String pingError(Map<String, Object> configuration) {
        try (DataSource source = jobs.source(configuration)) {
            source.ping().block(SyncJobs.TIMEOUT);
            return null;
        } catch (RuntimeException e) {
            Throwable cause = Exceptions.unwrap(e);
            String message = cause.getMessage() == null ? "" : cause.getMessage();
            pingErrors.add(message);
            return message;
        }
    }

    private void requireClear(String message, String what, Secrets secrets) {
        if (message.isBlank() || message.equals("null") || message.matches("[\\w.$]+(Exception|Error)")) {
            throw failure(what + " failed without a message a user can act on ('" + secrets.mask(message) + "')",
                    "Say what was refused and what to do, e.g. 'GET /rest/api/3/myself answered 401 Unauthorized:"
                            + " check the API token'");
        }
        List<Secrets.Leak> leaks = secrets.in(message, what);
        if (!leaks.isEmpty()) {
            throw failure(what + " quotes a secret: " + leaks.getFirst(), "Name the field, never its value");
        }
    }

    private Outcome requireCompleted(Outcome outcome, String what) {
        if (!outcome.completed()) {
            throw failure(what + " did not complete: " + outcome.describe(), "With fixture.configuration() and the"
                    + " fixture's data a sync must complete: the error is the job's, the log has the rest");
        }
        return outcome;
    }

    private IndexContents requireDocuments(IndexContents contents) {
        if (contents.size() == 0) {
            throw failure("a full sync indexed no document", "The contract needs a fixture with some data:"
                    + " ten documents or more");
        }
        return contents;
    }

    private void requireIndexed(IndexContents before, String id, String mutator) {
        if (!before.has(id)) {
            throw failure("fixture." + mutator + " returned '" + id + "', which the full sync before it had not"
                    + " indexed (it indexed " + IndexContents.examples(before.ids()) + ")",
                    "Return the document's id as the source emits it");
        }
    }

    private Secrets secrets() {
        List<Map<String, Object>> configurations = new ArrayList<>();
        configurations.add(fixture.configuration());
        fixture.badCredentialsConfiguration().ifPresent(configurations::add);
        return Secrets.of(jobs.descriptor().configSchema(), configurations);
    }

    /** "JiraDataSource breaks the source contract: <what>. <why and what to do>.", secrets masked. */
    private AssertionError failure(String what, String advice) {
        String message = name + " breaks the source contract: " + what + ".\n" + advice + ".";
        return new AssertionError(secrets().mask(message));
    }

    /** Stops keeping log lines and releases the clients; the indices stay, for a look after a failure. */
    @Override
    public void close() {
        try {
            jobs.close();
        } finally {
            logs.close();
        }
    }

    @Override
    public String toString() {
        return "SourceContract[" + name + "]";
    }
}
