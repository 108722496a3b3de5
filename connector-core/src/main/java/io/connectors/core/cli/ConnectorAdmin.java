package io.connectors.core.cli;

import co.elastic.clients.elasticsearch.core.GetResponse;
import io.connectors.api.config.ConfigSchema;
import io.connectors.api.config.ConfigurationProblem;
import io.connectors.api.sink.SyncKind;
import io.connectors.core.es.ElasticsearchErrors;
import io.connectors.core.plugin.LoadedSource;
import io.connectors.core.plugin.PluginLoadingException;
import io.connectors.core.protocol.Connector;
import io.connectors.core.protocol.ConnectorStatus;
import io.connectors.core.protocol.KibanaConnector;
import io.connectors.core.protocol.Versioned;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The connector operations of the CLI, apart from argument parsing: create a connector the way Kibana does, list,
 * show (secrets masked), set configuration values (checked against the source's schema, every problem at once) and
 * schedule syncs (Quartz cron checked).
 */
final class ConnectorAdmin {

    private static final Pattern INVALID_INDEX_CHARACTERS = Pattern.compile("[\\\\/*?\"<>|,#: ]");

    private final CliSession session;

    ConnectorAdmin(CliSession session) {
        this.session = session;
    }

    /** What {@code connector create} asks for; a null id lets Elasticsearch pick one, a null name takes the index name. */
    record NewConnector(@Nullable String id, String serviceType, @Nullable String name, String indexName,
                        Map<String, Object> values) {}

    /** The connector created: its id, its status, and the values it still needs (then it is needs_configuration). */
    record Created(String id, String name, ConnectorStatus status, List<ConfigurationProblem> pending) {}

    /** The configuration written by {@code set}: the given values (sensitive ones masked) and what is still missing. */
    record Updated(String id, ConnectorStatus status, Map<String, Object> values, List<ConfigurationProblem> pending) {}

    /** A schedule written by {@code schedule}; {@code next} is the next tick in UTC when enabled. */
    record Scheduled(String id, SyncKind kind, boolean enabled, String interval, @Nullable Instant next) {}

    Created create(NewConnector request) {
        checkIndexName(request.indexName());
        LoadedSource source = loadSource(request.serviceType());
        ConfigurationChange change = ConfigurationChange.apply(source.schema(), request.serviceType(), Map.of(), request.values());
        if (!change.errors().isEmpty()) {
            throw new CliException("connector not created: its configuration has " + count(change.errors().size(), "problem"),
                    change.errors());
        }
        Await.done(session.indices().ensure(session.client()));
        for (Versioned<Connector> other : list()) {
            if (request.indexName().equals(other.doc().indexName())) {
                throw new CliException("index '" + request.indexName() + "' is already the index of connector " + other.id()
                        + (other.doc().name() == null ? "" : " (" + other.doc().name() + ")")
                        + "; pick another --index-name: two connectors syncing one index would delete each other's documents");
            }
        }
        ConnectorStatus status = change.pending().isEmpty() ? ConnectorStatus.CONFIGURED : ConnectorStatus.NEEDS_CONFIGURATION;
        String name = request.name() == null ? request.indexName() : request.name();
        Map<String, Object> document = KibanaConnector.document(name, request.indexName(), request.serviceType(),
                change.document(), status);
        String id = Await.value(session.connectors().create(request.id(), document)
                .onErrorMap(e -> ElasticsearchErrors.status(e) == 409,
                        e -> new CliException("a connector with id '" + request.id() + "' exists already; "
                                + "pick another --id, or change that one with 'connectors connector set'")));
        return new Created(id, name, status, change.pending());
    }

    /** Every connector not marked deleted (none when the control index does not exist yet). */
    List<Versioned<Connector>> list() {
        return Await.all(session.connectors().all().onErrorResume(ElasticsearchErrors::isNotFound, e -> Flux.empty()));
    }

    Versioned<Connector> require(String id) {
        Versioned<Connector> connector = Await.value(session.connectors().get(id)
                .onErrorResume(ElasticsearchErrors::isNotFound, e -> Mono.empty()));
        if (connector == null || connector.doc().isDeleted()) {
            throw new CliException("connector '" + id + "' not found in " + session.indices().connectors()
                    + " ('connectors connector list' shows the connectors)");
        }
        return connector;
    }

    /** The whole connector document, id first, configuration masked. */
    Map<String, Object> show(String id) {
        Versioned<Connector> connector = require(id);
        Map<String, Object> source = rawDocument(session.indices().connectors(), id)
                .orElseThrow(() -> new CliException("connector '" + id + "' not found"));
        return Redaction.connector(connector.id(), source, Redaction.schemaOf(session.sources(), connector.doc().serviceType()));
    }

    Updated set(String id, Map<String, Object> given) {
        Versioned<Connector> connector = require(id);
        String serviceType = connector.doc().serviceType();
        if (serviceType == null) {
            throw new CliException("connector '" + id + "' has no service_type: nothing to check its configuration against");
        }
        ConfigSchema schema = loadSource(serviceType).schema();
        ConfigurationChange change = ConfigurationChange.apply(schema, serviceType, connector.doc().configurationOrEmpty(), given);
        if (!change.errors().isEmpty()) {
            throw new CliException("connector " + id + " not changed: " + count(change.errors().size(), "problem")
                    + " with the given values", change.errors());
        }
        ConnectorStatus status = change.pending().isEmpty() ? ConnectorStatus.CONFIGURED : ConnectorStatus.NEEDS_CONFIGURATION;
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("configuration", change.document());
        update.put("status", status.wireName());
        update.put("error", null);
        Await.done(session.connectors().update(id, update));
        return new Updated(id, status, schema.masked(given), change.pending());
    }

    /** Turns a sync kind's schedule on with {@code cron}, or off when {@code cron} is null (keeping its interval). */
    Scheduled schedule(String id, SyncKind kind, @Nullable String cron) {
        Versioned<Connector> connector = require(id);
        Map<String, Object> entry = new LinkedHashMap<>();
        Instant next = null;
        String interval;
        if (cron != null) {
            next = QuartzCron.next(cron, Instant.now()).orElse(null);
            entry.put("enabled", true);
            entry.put("interval", cron);
            interval = cron;
        } else {
            entry.put("enabled", false);
            String current = connector.doc().schedule(kind).interval();
            interval = current == null ? KibanaConnector.DEFAULT_INTERVAL : current;
            entry.put("interval", interval);
        }
        Await.done(session.connectors().update(id, Map.of("scheduling", Map.of(kind.wireName(), entry))));
        return new Scheduled(id, kind, cron != null, interval, next);
    }

    /** Elasticsearch's rules for an index name, checked now rather than at the first sync. */
    static void checkIndexName(String name) {
        if (name.isBlank() || !name.equals(name.toLowerCase(Locale.ROOT)) || INVALID_INDEX_CHARACTERS.matcher(name).find()
                || name.startsWith("-") || name.startsWith("_") || name.startsWith("+") || name.equals(".") || name.equals("..")
                || name.getBytes(StandardCharsets.UTF_8).length > 255) {
            throw new CliException("'" + name + "' is not a valid index name: lowercase, at most 255 bytes, without spaces or"
                    + " any of \\ / * ? \" < > | , # :, and not starting with -, _ or +");
        }
    }

    LoadedSource loadSource(String serviceType) {
        try {
            return session.sources().get(serviceType);
        } catch (PluginLoadingException e) {
            throw new CliException(e.getMessage());
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    Optional<Map<String, Object>> rawDocument(String index, String id) {
        GetResponse<Map> response = Await.value(Mono.fromFuture(() -> session.client().get(g -> g.index(index).id(id), Map.class))
                .onErrorResume(ElasticsearchErrors::isNotFound, e -> Mono.empty()));
        return response == null || !response.found() || response.source() == null
                ? Optional.empty() : Optional.of((Map<String, Object>) response.source());
    }

    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
