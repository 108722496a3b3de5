package io.connectors.core.service;

import io.connectors.api.config.ConfigSchema;
import io.connectors.api.config.ConfigurationProblem;
import io.connectors.api.source.DataSource;
import io.connectors.core.plugin.LoadedSource;
import io.connectors.core.protocol.Connector;
import io.connectors.core.protocol.ConnectorStatus;
import io.connectors.core.protocol.Versioned;
import io.connectors.core.runtime.RuntimeSourceContext;
import io.connectors.core.sync.rules.FilteringValidation;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Brings a served connector's document in line with its source, as Elastic's service does on first sight: writes
 * the source's configuration schema into {@code configuration} (keeping the values already set), sets
 * {@code needs_configuration} until the required values are present, then {@code configured}; after a successful
 * ping and validation {@code connected}, otherwise {@code error} with the message. A connector is checked again when
 * its configuration changes. Also refreshes the connector's {@code last_seen} every heartbeat.
 */
final class ConnectorPreparer {

    private static final Logger log = LoggerFactory.getLogger(ConnectorPreparer.class);
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(60);

    private final ServiceContext context;
    /** connector id -> the configuration values last checked, so an unchanged connector is not pinged each poll */
    private final Map<String, Map<String, Object>> checked = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastHeartbeat = new ConcurrentHashMap<>();
    /** connector id -> the source's features, learnt when the source was last constructed for a check */
    private final Map<String, Map<String, Object>> features = new ConcurrentHashMap<>();

    ConnectorPreparer(ServiceContext context) {
        this.context = context;
    }

    Mono<Void> prepare(Versioned<Connector> connector, LoadedSource source) {
        return Mono.defer(() -> {
            Connector doc = connector.doc();
            ConfigSchema schema = source.schema();
            // the values as they read once the schema is written (defaults filled in), so the next poll compares alike
            Map<String, Object> values = schema.fromConnectorDocument(schema.toConnectorDocument(doc.configurationOrEmpty()));
            Map<String, Object> update = new LinkedHashMap<>();
            if (!hasSchema(doc.configurationOrEmpty(), schema)) {
                update.put("configuration", schema.toConnectorDocument(doc.configurationOrEmpty()));
            }
            Instant now = Instant.now();
            Instant last = lastHeartbeat.get(connector.id());
            if (last == null || Duration.between(last, now).compareTo(context.settings().heartbeat()) >= 0) {
                update.put("last_seen", now.toString());
                lastHeartbeat.put(connector.id(), now);
            }
            List<ConfigurationProblem> problems = schema.validate(values);
            Mono<Void> status;
            if (!problems.isEmpty()) {
                status = setStatus(update, doc, ConnectorStatus.NEEDS_CONFIGURATION, null);
                checked.remove(connector.id());
            } else if (Objects.equals(checked.get(connector.id()), values) && doc.status() != null
                    && doc.status() != ConnectorStatus.NEEDS_CONFIGURATION && doc.status() != ConnectorStatus.CREATED) {
                status = Mono.empty(); // checked already with these values
            } else {
                // complete at last: say so before the check, which may take a while
                Mono<Void> configured = doc.status() == null || doc.status() == ConnectorStatus.CREATED
                        || doc.status() == ConnectorStatus.NEEDS_CONFIGURATION
                        ? context.connectors().update(connector.id(), Map.of("status", ConnectorStatus.CONFIGURED.wireName()))
                        : Mono.empty();
                status = configured.then(check(connector, source, values)).flatMap(error -> error.isEmpty()
                        ? setStatus(update, doc, ConnectorStatus.CONNECTED, null)
                        : setStatus(update, doc, ConnectorStatus.ERROR, error));
            }
            // the draft first: its write is conditional on the version read, which the writes below would change
            Mono<Void> draft = problems.isEmpty() && doc.draftEdited() ? validateDraft(connector, source, values) : Mono.empty();
            return draft.then(status).then(Mono.defer(() -> {
                Map<String, Object> merged = mergedFeatures(doc, features.get(connector.id()));
                if (merged != null) {
                    update.put("features", merged);
                }
                return update.isEmpty() ? Mono.<Void>empty() : context.connectors().update(connector.id(), update);
            }));
        });
    }

    private Mono<Void> setStatus(Map<String, Object> update, Connector doc, ConnectorStatus status, String error) {
        if (doc.status() != status || !Objects.equals(doc.error(), error)) {
            update.put("status", status.wireName());
            update.put("error", error);
            if (doc.status() != status) {
                log.info("connector status {} -> {}{}", doc.status() == null ? "none" : doc.status().wireName(),
                        status.wireName(), error == null ? "" : ": " + error);
            }
        }
        return Mono.empty();
    }

    /** Pings and validates; emits "" when both pass, else the message for the connector's {@code error}. */
    private Mono<String> check(Versioned<Connector> connector, LoadedSource source, Map<String, Object> values) {
        return Mono.using(
                        () -> source.create(values, RuntimeSourceContext.of(connector.id())),
                        (DataSource dataSource) -> {
                            features.put(connector.id(), SourceFeatures.of(dataSource));
                            return dataSource.ping().then(dataSource.validateConfig());
                        },
                        DataSource::close)
                .timeout(CHECK_TIMEOUT)
                .thenReturn("")
                .onErrorResume(e -> Mono.just(describe(e)))
                .doOnNext(error -> checked.put(connector.id(), new HashMap<>(values)));
    }

    /**
     * Validates sync rules Kibana's editor left in the draft ({@code validation.state: edited}), as Elastic's service
     * does: writes the draft's {@code validation} ({@code valid} or {@code invalid} with the errors per rule) and, when
     * valid, makes the draft the active rules that the next jobs take. The write is conditional on the connector not
     * having changed since it was read (an edit in between is validated at the next poll).
     */
    private Mono<Void> validateDraft(Versioned<Connector> connector, LoadedSource source, Map<String, Object> values) {
        Connector doc = connector.doc();
        return Mono.using(() -> source.create(values, RuntimeSourceContext.of(connector.id())),
                        (DataSource dataSource) -> FilteringValidation.validate(doc.draftFiltering(), dataSource),
                        DataSource::close)
                .timeout(CHECK_TIMEOUT)
                .flatMap(result -> context.connectors().updateIfUnchanged(connector,
                                Map.of("filtering", doc.filteringWithDraftValidated(result.toDocument(), result.valid())))
                        .doOnNext(written -> {
                            if (written && result.valid()) {
                                log.info("draft sync rules valid: now active");
                            } else if (written) {
                                log.warn("draft sync rules invalid, not activated: {}", result.describe());
                            }
                        }))
                .onErrorResume(e -> {
                    log.warn("draft sync rules could not be validated ({}); trying again at the next poll", describe(e));
                    return Mono.empty();
                })
                .then();
    }

    /**
     * The connector's {@code features} with the source's over them, as Elastic's service writes them (keys of the
     * document the source does not know are kept), or null when the document says so already or the source's
     * features are not known yet (they are learnt once the configuration is complete and the source constructed).
     */
    @SuppressWarnings("unchecked")
    private static @Nullable Map<String, Object> mergedFeatures(Connector doc, @Nullable Map<String, Object> sourceFeatures) {
        if (sourceFeatures == null) {
            return null;
        }
        Map<String, Object> merged = doc.features() instanceof Map<?, ?> existing
                ? new LinkedHashMap<>((Map<String, Object>) existing) : new LinkedHashMap<>();
        merged.putAll(sourceFeatures);
        return merged.equals(doc.features()) ? null : merged;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static boolean hasSchema(Map<String, Object> configuration, ConfigSchema schema) {
        return schema.fields().stream().allMatch(field -> configuration.get(field.key()) instanceof Map<?, ?>);
    }
}
