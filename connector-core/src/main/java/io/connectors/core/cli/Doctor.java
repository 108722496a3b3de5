package io.connectors.core.cli;

import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch.cluster.HealthResponse;
import co.elastic.clients.elasticsearch.nodes.info.NodesInfoMetric;
import io.connectors.api.ConnectorException;
import io.connectors.api.config.ConfigurationProblem;
import io.connectors.api.source.DataSource;
import io.connectors.core.config.ConfigException;
import io.connectors.core.config.ConfigLoader;
import io.connectors.core.config.ConfigProblem;
import io.connectors.core.config.ConnectorEntry;
import io.connectors.core.config.ConnectorsConfig;
import io.connectors.core.es.ElasticsearchErrors;
import io.connectors.core.plugin.LoadedSource;
import io.connectors.core.plugin.PluginLoadingException;
import io.connectors.core.protocol.Connector;
import io.connectors.core.protocol.ControlIndices;
import io.connectors.core.protocol.Versioned;
import io.connectors.core.runtime.RuntimeSourceContext;
import io.connectors.core.service.DaemonSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;

/**
 * {@code connectors doctor}: checks a deployment from the config file to each connector's source, and gives every
 * check a verdict and, when it is not OK, what to do about it. Checks that need an earlier one (Elasticsearch needs
 * the config, a ping needs a loadable source and a valid configuration) are skipped when it failed.
 */
final class Doctor {

    enum Verdict { OK, WARN, FAIL }

    /** One check; {@code detail} may span lines, {@code hint} (how to fix it) is null for OK. */
    record Check(String name, Verdict verdict, String detail, @Nullable String hint) {}

    record Report(List<Check> checks) {
        Report {
            checks = List.copyOf(checks);
        }

        /** The worst verdict of all checks. */
        Verdict verdict() {
            return checks.stream().map(Check::verdict).max(Comparator.naturalOrder()).orElse(Verdict.OK);
        }

        long count(Verdict verdict) {
            return checks.stream().filter(check -> check.verdict() == verdict).count();
        }
    }

    private final Path configFile;
    private final Map<String, String> env;
    private final ControlIndices indices;
    private final Duration pingTimeout;
    private final List<Check> checks = new ArrayList<>();

    Doctor(Path configFile, Map<String, String> env, ControlIndices indices, Duration pingTimeout) {
        this.configFile = configFile;
        this.env = env;
        this.indices = indices;
        this.pingTimeout = pingTimeout;
    }

    /** Runs every check, of every connector or only of {@code connectorId}. */
    Report run(@Nullable String connectorId) {
        checks.clear();
        ConnectorsConfig config = config();
        CliSession session = config == null ? null : session(config);
        if (session != null) {
            try (session) {
                if (elasticsearch(session)) {
                    boolean connectorsIndex = controlIndices(session);
                    connectors(session, connectorId, connectorsIndex);
                }
            }
        }
        return new Report(checks);
    }

    private @Nullable ConnectorsConfig config() {
        ConnectorsConfig config;
        try {
            config = ConfigLoader.load(configFile, env);
        } catch (ConfigException e) {
            String detail = e.problems().stream().map(this::describe).collect(Collectors.joining("\n"));
            add("config", Verdict.FAIL, detail, "fix the keys above in " + configFile
                    + " (docs/configuration.md lists every key with its default; -c picks another file)");
            return null;
        }
        int entries = config.connectors().size();
        add("config", Verdict.OK, configFile + " loaded: " + entries + (entries == 1 ? " connector entry, " : " connector entries, ")
                + ConnectorAdmin.count(config.sources().size(), "source"), null);
        if (!config.ignoredKeys().isEmpty()) {
            add("config", Verdict.WARN, "keys with no effect here: " + String.join(", ", config.ignoredKeys()),
                    "they are accepted for compatibility with Elastic's config.yml; remove them to silence this");
        }
        return config;
    }

    /** The client and the sources; null (with a FAIL) when the TLS setup or the plugins directory is unusable. */
    private @Nullable CliSession session(ConnectorsConfig config) {
        try {
            return new CliSession(config, indices);
        } catch (ConnectorException e) {
            add("elasticsearch", Verdict.FAIL, e.getMessage(), "fix the elasticsearch.ssl, ca_certs and service.plugins_dir settings in " + configFile);
            return null;
        }
    }

    private String describe(ConfigProblem problem) {
        return (problem.line() > 0 ? "line " + problem.line() + ": " : "")
                + (problem.path().isEmpty() ? "" : problem.path() + ": ") + problem.message();
    }

    /** Whether Elasticsearch answers (the checks after this one need it). */
    private boolean elasticsearch(CliSession session) {
        String host = io.connectors.api.http.RedactedUrl.of(session.config().elasticsearch().host());
        HealthResponse health;
        try {
            health = Mono.fromFuture(() -> session.client().cluster().health()).block(pingTimeout);
        } catch (RuntimeException e) {
            Throwable error = Exceptions.unwrap(e);
            int status = ElasticsearchErrors.status(error);
            String hint = switch (status) {
                case 401 -> "check elasticsearch.username and elasticsearch.password, or elasticsearch.api_key, in " + configFile;
                case 403 -> "the credentials in " + configFile + " lack the 'monitor' cluster privilege (and rights on the connector indices)";
                case ElasticsearchErrors.NO_ANSWER, 0 -> "is Elasticsearch running at " + host + "? check elasticsearch.host in "
                        + configFile + " (and elasticsearch.ssl / ca_certs for https)";
                default -> "check elasticsearch.host in " + configFile + " and the cluster's logs";
            };
            add("elasticsearch", Verdict.FAIL, host + ": " + (status != 0 ? ElasticsearchErrors.describe(error) : String.valueOf(error)), hint);
            return false;
        }
        String detail = host + " answers: cluster '" + health.clusterName() + "', status " + health.status().jsonValue() + ", "
                + ConnectorAdmin.count(health.numberOfNodes(), "node") + version(session);
        if (health.status() == HealthStatus.Red) {
            add("elasticsearch", Verdict.FAIL, detail, "some primary shards are unassigned: GET _cluster/allocation/explain says why");
        } else if (health.status() == HealthStatus.Yellow) {
            add("elasticsearch", Verdict.WARN, detail, "replica shards are unassigned: normal on a single node, a risk in production");
        } else {
            add("elasticsearch", Verdict.OK, detail, null);
        }
        return true;
    }

    /** {@code GET /} is not on every node (the minimal test one answers 405): the version comes from {@code _nodes}. */
    private String version(CliSession session) {
        try {
            var nodes = Mono.fromFuture(() -> session.client().nodes().info(n -> n.nodeId("_all").metric(NodesInfoMetric.None))).block(pingTimeout);
            Set<String> versions = nodes == null ? Set.of() : nodes.nodes().values().stream()
                    .map(node -> node.version()).collect(Collectors.toCollection(TreeSet::new));
            return versions.isEmpty() ? "" : ", Elasticsearch " + String.join(" and ", versions);
        } catch (RuntimeException e) {
            return ""; // the version is a nicety: a user without the monitor privilege still gets the health check
        }
    }

    /** Whether the connectors index exists. */
    private boolean controlIndices(CliSession session) {
        List<String> missing = new ArrayList<>();
        for (String index : List.of(indices.connectors(), indices.jobs())) {
            Boolean exists = Await.value(Mono.fromFuture(() -> session.client().indices().exists(e -> e.index(index))).map(r -> r.value()));
            if (!Boolean.TRUE.equals(exists)) {
                missing.add(index);
            }
        }
        if (missing.isEmpty()) {
            add("control indices", Verdict.OK, indices.connectors() + " and " + indices.jobs() + " exist", null);
        } else {
            add("control indices", Verdict.WARN, "missing: " + String.join(", ", missing),
                    "created by 'connectors connector create' or when the daemon (bin/elastic-ingest) starts");
        }
        return !missing.contains(indices.connectors());
    }

    private void connectors(CliSession session, @Nullable String connectorId, boolean connectorsIndex) {
        ConnectorAdmin admin = new ConnectorAdmin(session);
        List<Versioned<Connector>> connectors;
        if (connectorId != null) {
            try {
                connectors = List.of(admin.require(connectorId));
            } catch (CliException e) {
                add("connector " + connectorId, Verdict.FAIL, "not found in " + indices.connectors(),
                        "'connectors connector list' shows the connectors; 'connectors connector create' makes one");
                return;
            }
        } else {
            connectors = connectorsIndex ? admin.list() : List.of();
            Set<String> known = connectors.stream().map(Versioned::id).collect(Collectors.toSet());
            for (ConnectorEntry entry : session.config().connectors()) {
                if (!known.contains(entry.connectorId())) {
                    add("connector " + entry.connectorId(), Verdict.WARN, "listed in " + configFile + " but not in " + indices.connectors(),
                            "create it: connectors connector create --id " + entry.connectorId() + " --service-type "
                                    + entry.serviceType() + " --index-name <index>");
                }
            }
        }
        DaemonSettings daemon = DaemonSettings.from(session.config()); // which connectors a daemon with this file serves
        for (Versioned<Connector> connector : connectors) {
            connector(session, admin, connector, daemon);
        }
    }

    private void connector(CliSession session, ConnectorAdmin admin, Versioned<Connector> connector, DaemonSettings daemon) {
        String name = "connector " + connector.id();
        String serviceType = connector.doc().serviceType();
        served(session, daemon, connector.id(), serviceType);
        LoadedSource source;
        try {
            if (serviceType == null) {
                throw new PluginLoadingException("the connector has no service_type");
            }
            source = session.sources().get(serviceType);
        } catch (PluginLoadingException e) {
            add(name + ": source", Verdict.FAIL, e.getMessage(), "name the source's class under sources: in " + configFile
                    + " and put its jar in " + session.config().pluginsDirectory());
            return;
        }
        add(name + ": source", Verdict.OK, serviceType + " (" + source.type().getName() + ")", null);

        Map<String, Object> values = source.schema().fromConnectorDocument(connector.doc().configurationOrEmpty());
        List<ConfigurationProblem> problems = source.schema().validate(values);
        if (!problems.isEmpty()) {
            add(name + ": configuration", Verdict.FAIL,
                    problems.stream().map(ConfigurationProblem::message).collect(Collectors.joining("\n")),
                    "set the values: connectors connector set " + connector.id() + " key=value ...");
            return;
        }
        add(name + ": configuration", Verdict.OK, "valid", null);

        String fix = "check the source's address and credentials ('connectors connector show " + connector.id()
                + "'), then 'connectors connector set " + connector.id() + " key=value'";
        DataSource dataSource;
        try {
            dataSource = source.create(values, RuntimeSourceContext.of(connector.id()));
        } catch (RuntimeException e) {
            add(name + ": ping", Verdict.FAIL, "the source cannot be built from this configuration: " + message(e), fix);
            return;
        }
        try (dataSource) {
            String pinged = failure(dataSource.ping());
            if (pinged != null) {
                add(name + ": ping", Verdict.FAIL, pinged, fix);
                return;
            }
            add(name + ": ping", Verdict.OK, "the source answers", null);
            String validated = failure(dataSource.validateConfig());
            if (validated != null) {
                add(name + ": validation", Verdict.FAIL, validated, fix);
                return;
            }
        }
        sinks(session, connector.id());
        if ("error".equals(connector.doc().lastSyncStatus())) {
            add(name + ": last sync", Verdict.WARN, "failed: " + connector.doc().lastSyncError(),
                    "run it in the foreground to watch it: connectors sync " + connector.id());
        }
    }

    /** The checks of the connector's sinks that offer some (the qbusiness sink: credentials, application, index, data source). */
    private void sinks(CliSession session, String connectorId) {
        List<io.connectors.core.runtime.SyncFactory.NamedAdmin> admins;
        try {
            admins = session.syncs().admins(connectorId);
        } catch (PluginLoadingException e) {
            add("connector " + connectorId + ": sinks", Verdict.FAIL, e.getMessage(), "fix sinks: and connectors[].sinks in " + configFile);
            return;
        }
        for (var named : admins) {
            try (var admin = named.admin()) {
                List<io.connectors.api.sink.SinkAdmin.Check> found = admin.doctor().collectList().block(pingTimeout.multipliedBy(4));
                for (var check : found == null ? List.<io.connectors.api.sink.SinkAdmin.Check>of() : found) {
                    add("connector " + connectorId + ": " + check.name(), Verdict.valueOf(check.verdict().name()), check.detail(), check.hint());
                }
            } catch (RuntimeException e) {
                add("connector " + connectorId + ": sink " + named.sink(), Verdict.FAIL, message(e),
                        "see docs/" + named.sink() + ".md");
            }
        }
    }

    /**
     * Whether a daemon running this config.yml serves the connector: one no daemon serves keeps its jobs pending
     * forever, with nothing in Kibana saying why. A WARN, since a daemon with another config.yml may serve it.
     */
    private void served(CliSession session, DaemonSettings daemon, String connectorId, @Nullable String serviceType) {
        String name = "connector " + connectorId + ": served";
        String whyNot = daemon.whyNotServed(connectorId, serviceType, serviceType != null && session.sources().has(serviceType));
        if (whyNot == null) {
            add(name, Verdict.OK, "by a daemon running " + configFile + (daemon.configured().containsKey(connectorId)
                    ? " (listed under connectors:)" : " (service.serve_all: true)"), null);
            return;
        }
        String configuredType = daemon.configured().get(connectorId);
        String hint;
        if (serviceType == null) {
            hint = "give the connector a service_type (connectors connector create sets one)";
        } else if (configuredType != null) {
            hint = "make the service_type of its entry under connectors: in " + configFile + " " + serviceType;
        } else if (!daemon.serveAll()) {
            hint = "add it under connectors: in " + configFile + " (connector_id: " + connectorId + ", service_type: "
                    + serviceType + ") or set service.serve_all: true; none needed if a daemon with another config.yml serves it";
        } else {
            hint = "name the source of " + serviceType + " under sources: in " + configFile;
        }
        add(name, Verdict.WARN, "no daemon running " + configFile + " serves it, so its jobs stay pending: " + whyNot, hint);
    }

    /** Null when {@code check} completes in time, else what went wrong. */
    private @Nullable String failure(Mono<Void> check) {
        try {
            check.timeout(pingTimeout).block();
            return null;
        } catch (RuntimeException e) {
            Throwable error = Exceptions.unwrap(e);
            return error instanceof java.util.concurrent.TimeoutException
                    ? "no answer within " + pingTimeout.toSeconds() + " s" : message(error);
        }
    }

    private static String message(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }

    private void add(String name, Verdict verdict, String detail, @Nullable String hint) {
        checks.add(new Check(name, verdict, detail, hint));
    }
}
