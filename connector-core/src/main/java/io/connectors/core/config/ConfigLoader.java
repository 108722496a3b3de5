package io.connectors.core.config;

import static io.connectors.core.config.ConfigKeys.*;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads config.yml: interpolates {@code ${VAR}} / {@code ${VAR:default}} from the environment, checks every key
 * against the key table, and either returns the config or throws one {@link ConfigException} listing every problem.
 */
public final class ConfigLoader {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

    /**
     * Elastic's keys this implementation accepts but ignores; a file that sets one gets a warning per key. Derived
     * from the key table's effect column, which is where a key is marked.
     */
    static final Set<String> NO_EFFECT_KEYS = ConfigKeys.noEffectPaths();

    static final ConnectorsConfig DEFAULTS = build(new ConfigTreeReader(Map.of()), null);

    private ConfigLoader() {
    }

    /** Loads {@code file}, interpolating from the process environment. */
    public static ConnectorsConfig load(Path file) {
        return load(file, System.getenv());
    }

    /** Loads {@code file}, interpolating from {@code env}. A missing file is an error; an empty one gives the defaults. */
    public static ConnectorsConfig load(Path file, Map<String, String> env) {
        if (!Files.exists(file)) {
            throw new ConfigException("config file not found: " + file);
        }
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new ConfigException("config file is not UTF-8: " + file, e);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e, e);
        }
        return parse(yaml, file.toString(), env, file);
    }

    /** Parses config text; {@code sourceName} prefixes problems, as a file name would. */
    public static ConnectorsConfig parse(String yaml, String sourceName, Map<String, String> env) {
        return parse(yaml, sourceName, env, null);
    }

    private static ConnectorsConfig parse(String yaml, String sourceName, Map<String, String> env, @Nullable Path file) {
        ConfigTreeReader reader = new ConfigTreeReader(env);
        try {
            LoaderOptions options = new LoaderOptions();
            options.setNestingDepthLimit(NESTING_LIMIT);
            options.setMaxAliasesForCollections(50); // an alias bomb ("billion laughs") fails instead of expanding
            Node root = new Yaml(options).compose(new StringReader(yaml));
            reader.read(root);
        } catch (MarkedYAMLException e) {
            // getProblem() and getContext() describe the syntax; the full message would quote the line, maybe a secret
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String what = e.getContext() == null ? e.getProblem() : e.getContext() + ", " + e.getProblem();
            reader.problem("", mark == null ? 0 : mark.getLine() + 1, "not valid YAML: " + what);
        } catch (YAMLException e) {
            // SnakeYAML's nesting limit gives no position: point at the line where the nesting gets that deep
            boolean nesting = String.valueOf(e.getMessage()).contains("Nesting Depth");
            reader.problem("", nesting ? deeplyNestedLine(yaml) : 0, nesting
                    ? "not valid YAML: nested more than " + NESTING_LIMIT + " levels deep" : "not valid YAML: " + e.getMessage());
        } catch (StackOverflowError e) {
            reader.problem("", 0, "not valid YAML: nested too deeply, or an alias refers to itself");
        }
        checkAcrossKeys(reader);
        if (!reader.problems().isEmpty()) {
            List<ConfigProblem> problems = new ArrayList<>(reader.problems());
            problems.sort(Comparator.comparingInt(ConfigProblem::line));
            throw new ConfigException(sourceName, problems);
        }
        ConnectorsConfig config = build(reader, file);
        reader.pythonSources().forEach((serviceType, python) -> LOG.info("{}:{}: sources.{}: Elastic's Python source {} is {} here",
                sourceName, reader.sourceLine(serviceType), serviceType, python, config.sources().get(serviceType)));
        if (!reader.noEffectKeysSet().isEmpty()) {
            // one line, however many: Elastic's files set many of these, and one line per key would bury the rest
            List<String> keys = new ArrayList<>();
            reader.noEffectKeysSet().forEach((key, line) -> keys.add(key + " (line " + line + ")"));
            LOG.warn("{}: accepted for compatibility, no effect here: {}", sourceName, String.join(", ", keys));
        }
        Values values = reader.rootValues();
        if (values.find(DEPRECATED_CONNECTOR_ID) != null) {
            LOG.warn("{}:{}: top-level connector_id and service_type are deprecated (as in Elastic){}; list the connector "
                            + "under connectors: instead", sourceName, reader.rootLine(DEPRECATED_CONNECTOR_ID.path()),
                    reader.connectors().isEmpty() ? "" : " and ignored because connectors: is set");
        }
        return config;
    }

    /** SnakeYAML's own default, stated: deeper flow or block nesting is a problem, not a stack overflow. */
    private static final int NESTING_LIMIT = 50;

    /** The first line (1-based) where brackets or braces open more than {@link #NESTING_LIMIT} levels deep. */
    static int deeplyNestedLine(String yaml) {
        int depth = 0;
        int line = 1;
        for (int i = 0; i < yaml.length(); i++) {
            char c = yaml.charAt(i);
            if (c == '\n') {
                line++;
            } else if (c == '[' || c == '{') {
                if (++depth > NESTING_LIMIT) {
                    return line;
                }
            } else if ((c == ']' || c == '}') && depth > 0) {
                depth--;
            }
        }
        return 0;
    }

    /** Rules that involve more than one key. A key already reported as wrong is left out, not reported twice. */
    private static void checkAcrossKeys(ConfigTreeReader reader) {
        Values values = reader.rootValues();
        boolean hasUser = values.find(ES_USERNAME) != null;
        boolean hasPassword = values.find(ES_PASSWORD) != null;
        if (hasUser != hasPassword && !reader.hasProblemAt(ES_USERNAME.path()) && !reader.hasProblemAt(ES_PASSWORD.path())) {
            String missing = hasUser ? ES_PASSWORD.path() : ES_USERNAME.path();
            String present = hasUser ? ES_USERNAME.path() : ES_PASSWORD.path();
            reader.problem(missing, reader.rootLine(present), "missing: " + present + " is set, and basic auth needs both");
        }

        Map<String, String> sources = new LinkedHashMap<>(BUILT_IN_SOURCES);
        sources.putAll(reader.sources());
        String deprecatedId = values.find(DEPRECATED_CONNECTOR_ID);
        String deprecatedType = values.find(DEPRECATED_SERVICE_TYPE);
        if ((deprecatedId == null) != (deprecatedType == null)) {
            String missing = deprecatedId == null ? DEPRECATED_CONNECTOR_ID.path() : DEPRECATED_SERVICE_TYPE.path();
            String present = deprecatedId == null ? DEPRECATED_SERVICE_TYPE.path() : DEPRECATED_CONNECTOR_ID.path();
            reader.problem(missing, reader.rootLine(present), "missing: top-level " + present
                    + " is set, and the deprecated single-connector form needs both (better: list it under connectors:)");
        } else if (deprecatedType != null && reader.connectors().isEmpty() && !sources.containsKey(deprecatedType)) {
            reader.problem(DEPRECATED_SERVICE_TYPE.path(), reader.rootLine(DEPRECATED_SERVICE_TYPE.path()),
                    "no source for service type " + RawValue.quote(deprecatedType)
                            + " (known: " + String.join(", ", sources.keySet()) + "; add one under sources)");
        }
        Map<String, String> firstById = new HashMap<>();
        for (ConfigTreeReader.Item item : reader.connectors()) {
            Values itemValues = new Values(item.values());
            String id = itemValues.find(CONNECTOR_ID);
            String serviceType = itemValues.find(CONNECTOR_SERVICE_TYPE);
            if (id != null) {
                String first = firstById.putIfAbsent(id, item.path());
                if (first != null) {
                    reader.problem(item.path() + "." + CONNECTOR_ID.name(), item.lines().get(CONNECTOR_ID.path()),
                            "duplicate connector_id " + RawValue.quote(id) + ", also in " + first);
                }
            }
            List<String> sinkNames = itemValues.find(CONNECTOR_SINKS);
            if (sinkNames != null) {
                Integer line = item.lines().get(CONNECTOR_SINKS.path());
                Map<String, String> sinks = new LinkedHashMap<>(BUILT_IN_SINKS);
                sinks.putAll(reader.sinks());
                for (String sink : sinkNames) {
                    if (!sinks.containsKey(sink)) {
                        reader.problem(item.path() + "." + CONNECTOR_SINKS.name(), line, "no sink named " + RawValue.quote(sink)
                                + " (known: " + String.join(", ", sinks.keySet()) + "; add one under sinks)");
                    }
                }
                if (sinkNames.isEmpty()) {
                    reader.problem(item.path() + "." + CONNECTOR_SINKS.name(), line, "name at least one sink (e.g. [elasticsearch])");
                } else if (new java.util.HashSet<>(sinkNames).size() != sinkNames.size()) {
                    reader.problem(item.path() + "." + CONNECTOR_SINKS.name(), line, "names a sink twice: " + sinkNames);
                }
                if (sinkNames.contains(ConfigKeys.QBUSINESS_BLOCK)) {
                    for (ConfigKey<?> key : ConfigKeys.QBUSINESS_KEYS) {
                        String keyPath = item.path() + "." + ConfigKeys.QBUSINESS_BLOCK + "." + key.name();
                        // a value already reported as wrong is not "missing" as well
                        if (key.required() && !item.qbusiness().containsKey(key.name()) && !reader.hasProblemAt(keyPath)) {
                            reader.problem(keyPath, item.line(),
                                    "missing: the qbusiness sink needs it (see docs/qbusiness.md)");
                        }
                    }
                }
            }
            if (serviceType != null && !sources.containsKey(serviceType)) {
                String near = ConfigTreeReader.closest(serviceType, sources.keySet());
                reader.problem(item.path() + "." + CONNECTOR_SERVICE_TYPE.name(), item.lines().get(CONNECTOR_SERVICE_TYPE.path()),
                        "no source for service type " + RawValue.quote(serviceType)
                                + (near == null ? "" : ", did you mean \"" + near + "\"?")
                                + " (known: " + String.join(", ", sources.keySet()) + "; add one under sources)");
            }
        }
    }

    private static ConnectorsConfig build(ConfigTreeReader reader, @Nullable Path file) {
        Values v = reader.rootValues();
        ErrorMonitorConfig errorMonitor = new ErrorMonitorConfig(
                v.get(EM_ENABLED), v.get(EM_MAX_TOTAL_ERRORS), v.get(EM_MAX_CONSECUTIVE_ERRORS),
                v.get(EM_MAX_ERROR_RATE), v.get(EM_ERROR_WINDOW_SIZE), v.get(EM_ERROR_QUEUE_SIZE));
        BulkConfig bulk = new BulkConfig(
                v.get(BULK_QUEUE_MAX_SIZE), v.get(BULK_QUEUE_MAX_MEM_SIZE), v.get(BULK_CHUNK_SIZE),
                v.get(BULK_MAX_CONCURRENCY), v.get(BULK_CHUNK_MAX_MEM_SIZE), v.get(BULK_MAX_TEXT_DOCUMENT_SIZE),
                v.get(BULK_MAX_RETRIES), v.get(BULK_RETRY_INTERVAL), v.get(BULK_CONCURRENT_DOWNLOADS), errorMonitor,
                v.get(BULK_INITIAL_LOAD_SETTINGS));
        ElasticsearchConfig elasticsearch = new ElasticsearchConfig(
                v.get(ES_HOST), v.find(ES_USERNAME), v.find(ES_PASSWORD), v.find(ES_API_KEY), v.get(ES_SSL),
                v.get(ES_VERIFY_CERTS), v.find(ES_CA_CERTS), v.get(ES_REQUEST_TIMEOUT), v.get(ES_MAX_WAIT_DURATION),
                v.get(ES_RETRY_ON_TIMEOUT), v.get(ES_MAX_RETRIES), v.get(ES_RETRY_INTERVAL), v.get(ES_INITIAL_BACKOFF),
                v.get(ES_BACKOFF_MULTIPLIER), v.get(ES_LOG_LEVEL), bulk, v.get(ES_HEADERS));
        ServiceConfig service = new ServiceConfig(
                v.get(SERVICE_IDLING), v.get(SERVICE_HEARTBEAT), v.get(SERVICE_MAX_CONTENT_SYNCS),
                v.get(SERVICE_MAX_ACCESS_CONTROL_SYNCS), v.get(SERVICE_MAX_SCHEDULING_TASKS),
                v.get(SERVICE_MAX_FILE_DOWNLOAD_SIZE), v.get(SERVICE_MAX_EXTRACTED_TEXT_SIZE),
                v.get(SERVICE_JOB_CLEANUP_INTERVAL), v.get(SERVICE_LOG_LEVEL), v.get(SERVICE_SERVE_ALL),
                v.get(SERVICE_PLUGINS_DIR), v.get(SERVICE_JOB_STALE_THRESHOLD),
                new HttpListenerConfig(v.find(HTTP_PORT), v.get(HTTP_HOST), v.find(HTTP_TLS_CERTIFICATE), v.find(HTTP_TLS_KEY),
                        v.get(HTTP_MAX_BODY_SIZE), v.get(HTTP_WEBHOOK_QUEUE_SIZE), v.get(HTTP_WEBHOOK_CONCURRENCY),
                        v.get(HTTP_WEBHOOK_COALESCE_WINDOW)));
        ExtractionServiceConfig extractionService = new ExtractionServiceConfig(v.find(EXTRACTION_HOST), v.get(EXTRACTION_TIMEOUT),
                v.get(EXTRACTION_PROTOCOL), v.get(EXTRACTION_USE_FILE_POINTERS), v.get(EXTRACTION_STREAM_CHUNK_SIZE),
                v.get(EXTRACTION_SHARED_VOLUME_DIR));

        List<ConnectorEntry> connectors = new ArrayList<>(reader.connectors().stream().map(item -> {
            Values iv = new Values(item.values());
            Map<String, Map<String, Object>> sinkSettings = item.qbusiness().isEmpty() ? Map.of()
                    : Map.of(ConfigKeys.QBUSINESS_BLOCK, item.qbusiness());
            return new ConnectorEntry(iv.get(CONNECTOR_ID), iv.get(CONNECTOR_SERVICE_TYPE), iv.find(CONNECTOR_API_KEY),
                    iv.get(CONNECTOR_SINKS), sinkSettings);
        }).toList());
        String deprecatedId = v.find(DEPRECATED_CONNECTOR_ID);
        String deprecatedType = v.find(DEPRECATED_SERVICE_TYPE);
        if (connectors.isEmpty() && deprecatedId != null && deprecatedType != null) {
            // Elastic's service does the same: the old single-connector form stands for a one-item connectors list
            connectors.add(new ConnectorEntry(deprecatedId, deprecatedType, null, CONNECTOR_SINKS.defaultValue()));
        }
        Map<String, String> sources = new LinkedHashMap<>(BUILT_IN_SOURCES);
        sources.putAll(reader.sources());
        Map<String, String> sinks = new LinkedHashMap<>(BUILT_IN_SINKS);
        sinks.putAll(reader.sinks());
        return new ConnectorsConfig(elasticsearch, service, extractionService, connectors, sources,
                reader.sources().keySet(), sinks, file, List.copyOf(reader.noEffectKeysSet().keySet()));
    }
}
