package io.connectors.core.config;

import static io.connectors.core.config.ValueType.awsRegion;
import static io.connectors.core.config.ValueType.bool;
import static io.connectors.core.config.ValueType.bytes;
import static io.connectors.core.config.ValueType.className;
import static io.connectors.core.config.ValueType.httpUrl;
import static io.connectors.core.config.ValueType.integer;
import static io.connectors.core.config.ValueType.logLevel;
import static io.connectors.core.config.ValueType.nonBlankString;
import static io.connectors.core.config.ValueType.number;
import static io.connectors.core.config.ValueType.oneOf;
import static io.connectors.core.config.ValueType.path;
import static io.connectors.core.config.ValueType.seconds;
import static io.connectors.core.config.ValueType.secretString;
import static io.connectors.core.config.ValueType.secretStringMap;
import static io.connectors.core.config.ValueType.string;
import static io.connectors.core.config.ValueType.stringList;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.event.Level;

/**
 * The key table: every key of config.yml, defined once. The loader validates against it and builds the records
 * from it; {@link ConfigReference} renders config.yml and docs/configuration.md from it. Keys are listed in the
 * order those renderings show them.
 */
final class ConfigKeys {

    /**
     * A mapping of config.yml.
     *
     * @param path        dotted path; {@code connectors} and {@code sources} are the list and the open map
     * @param title       heading in the generated config.yml and docs
     * @param description what the section is for
     */
    record Section(String path, String title, String description) {
    }

    static final String CONNECTORS = "connectors";
    static final String SOURCES = "sources";
    static final String SINKS = "sinks";

    static final List<Section> SECTIONS = List.of(
            new Section(CONNECTORS, "Connectors",
                    "The connectors this service runs; each needs connector_id and service_type."),
            new Section("elasticsearch", "Elasticsearch",
                    "The cluster the service keeps its state in and, by default, writes documents to."),
            new Section("elasticsearch.bulk", "Elasticsearch: bulk",
                    "How documents are batched into bulk requests."),
            new Section("elasticsearch.bulk.error_monitor", "Elasticsearch: bulk error monitor",
                    "When a sync gives up because too many documents fail."),
            new Section("service", "Service",
                    "The service itself: polling, concurrency, limits, plugins."),
            new Section("service.http", "Service: HTTP listener",
                    "The daemon's HTTP listener: Jira webhooks, /health and /metrics (docs/webhooks.md). Off unless port is set."),
            new Section("extraction_service", "Extraction service",
                    "An external text extraction service; unused unless host is set."),
            new Section(SOURCES, "Sources",
                    "service_type to the Java class implementing it. The built-ins are always present; "
                            + "entries here add sources or replace built-ins."),
            new Section(SINKS, "Sinks",
                    "Sink name to the Java class implementing it: where connectors' documents go. The built-in "
                            + "elasticsearch sink is always present; entries here add sinks (e.g. from plugins)."));

    // ---- elasticsearch ----
    static final ConfigKey<String> ES_HOST = key("elasticsearch.host", httpUrl(), "http://localhost:9200",
            c -> c.elasticsearch().host(), "URL of Elasticsearch, http:// or https://.");
    static final ConfigKey<String> ES_USERNAME = optional("elasticsearch.username", string(), "elastic",
            c -> c.elasticsearch().username(), "Basic-auth user, set with password; api_key is preferred. No default credentials.");
    static final ConfigKey<Secret> ES_PASSWORD = optional("elasticsearch.password", secretString(), "${ELASTICSEARCH_PASSWORD}",
            c -> c.elasticsearch().password(), "Basic-auth password, set with username.");
    static final ConfigKey<Secret> ES_API_KEY = optional("elasticsearch.api_key", secretString(), "${ELASTICSEARCH_API_KEY}",
            c -> c.elasticsearch().apiKey(), "API key (the encoded form); preferred over username and password.");
    static final ConfigKey<Boolean> ES_SSL = key("elasticsearch.ssl", bool(), true,
            c -> c.elasticsearch().ssl(), "Whether verify_certs and ca_certs apply (as in Elastic); false: an https host is "
                    + "verified against the JVM's trust store. TLS itself follows the host's scheme.");
    static final ConfigKey<Boolean> ES_VERIFY_CERTS = key("elasticsearch.verify_certs", bool(), true,
            c -> c.elasticsearch().verifyCerts(), "Whether the server certificate is verified; turn off for tests only.");
    static final ConfigKey<Path> ES_CA_CERTS = optional("elasticsearch.ca_certs", path(), "/path/to/ca.crt",
            c -> c.elasticsearch().caCerts(), "CA bundle (PEM) to trust; relative to the working directory.");
    static final ConfigKey<Duration> ES_REQUEST_TIMEOUT = key("elasticsearch.request_timeout", seconds(false), secs(240),
            c -> c.elasticsearch().requestTimeout(), "Timeout of one Elasticsearch request.");
    static final ConfigKey<Duration> ES_MAX_WAIT_DURATION = noEffect("elasticsearch.max_wait_duration", seconds(true), secs(240),
            "Longest wait for Elasticsearch at start-up; here the daemon waits as long as it runs, polling with backoff.");
    static final ConfigKey<Boolean> ES_RETRY_ON_TIMEOUT = key("elasticsearch.retry_on_timeout", bool(), true,
            c -> c.elasticsearch().retryOnTimeout(), "Whether an Elasticsearch request other than a bulk write that timed out is retried (within max_retries); "
                    + "a bulk request that timed out is always retried (its writes are by id, so repeating them is safe).");
    static final ConfigKey<Integer> ES_MAX_RETRIES = key("elasticsearch.max_retries", integer(0, ""), 5,
            c -> c.elasticsearch().maxRetries(), "Retries of a failed Elasticsearch request other than bulk writes (429, 408, 500, 502-504, no answer): here the write of a "
                    + "job's outcome on the control indices; other control-index requests are repeated by the next poll.");
    static final ConfigKey<Duration> ES_RETRY_INTERVAL = key("elasticsearch.retry_interval", seconds(true), secs(10),
            c -> c.elasticsearch().retryInterval(), "Wait before the n-th of those retries: n x retry_interval (10, 20, 30 ... s), Elastic's linear backoff; "
                    + "a Retry-After the failed answer carries is waited instead (at most 5 minutes).");
    static final ConfigKey<Duration> ES_INITIAL_BACKOFF = key("elasticsearch.initial_backoff_duration", seconds(true), secs(1),
            c -> c.elasticsearch().initialBackoffDuration(), "Wait after a failed poll of the control indices (Elasticsearch unreachable, say); the daemon polls again "
                    + "without limit as long as it runs.");
    static final ConfigKey<Double> ES_BACKOFF_MULTIPLIER = key("elasticsearch.backoff_multiplier", number(1, Double.MAX_VALUE), 2.0,
            c -> c.elasticsearch().backoffMultiplier(), "Factor that wait grows by after each further failed poll: initial_backoff_duration x backoff_multiplier^(n-1), "
                    + "at most 30 s and never below service.idling.");
    static final ConfigKey<Level> ES_LOG_LEVEL = key("elasticsearch.log_level", logLevel(), Level.INFO,
            c -> c.elasticsearch().logLevel(), "Log level of the Elasticsearch client's loggers (co.elastic.clients, org.elasticsearch.client).");
    static final ConfigKey<Map<String, String>> ES_HEADERS = key("elasticsearch.headers", secretStringMap(), Map.of(),
            c -> c.elasticsearch().headers(), "HTTP headers sent with every Elasticsearch request, as name: value "
                    + "(values are masked wherever the config is printed).");
    static final ConfigKey<Boolean> ES_FEATURE_USE_CONNECTORS_API = noEffect("elasticsearch.feature_use_connectors_api", bool(), true,
            "Use the Connectors API instead of the connector indices.");

    // ---- elasticsearch.bulk ----
    static final ConfigKey<Integer> BULK_QUEUE_MAX_SIZE = noEffect("elasticsearch.bulk.queue_max_size", integer(1, ""), 1024,
            "Documents the bulk queue holds before producers wait; here there is no queue: Reactor's backpressure bounds what is in flight.");
    static final ConfigKey<Integer> BULK_QUEUE_MAX_MEM_SIZE = noEffect("elasticsearch.bulk.queue_max_mem_size", integer(1, "MiB"), 25,
            "MiB the bulk queue holds before producers wait; no queue here (see queue_max_size).");
    static final ConfigKey<Duration> BULK_QUEUE_REFRESH_INTERVAL = noEffect("elasticsearch.bulk.queue_refresh_interval", seconds(false), secs(1),
            "Least time between checks of a full queue.");
    static final ConfigKey<Duration> BULK_QUEUE_REFRESH_TIMEOUT = noEffect("elasticsearch.bulk.queue_refresh_timeout", seconds(false), secs(1300),
            "Time without a dequeued document after which the sync fails.");
    static final ConfigKey<Integer> BULK_DISPLAY_EVERY = noEffect("elasticsearch.bulk.display_every", integer(1, ""), 100,
            "Documents between two progress counter logs.");
    static final ConfigKey<Integer> BULK_CHUNK_SIZE = key("elasticsearch.bulk.chunk_size", integer(1, ""), 500,
            c -> c.elasticsearch().bulk().chunkSize(), "Most documents in one bulk request.");
    static final ConfigKey<Integer> BULK_MAX_CONCURRENCY = key("elasticsearch.bulk.max_concurrency", integer(1, ""), 5,
            c -> c.elasticsearch().bulk().maxConcurrency(), "Most bulk requests in flight.");
    static final ConfigKey<Integer> BULK_CHUNK_MAX_MEM_SIZE = key("elasticsearch.bulk.chunk_max_mem_size", integer(1, "MiB"), 3,
            c -> c.elasticsearch().bulk().chunkMaxMemSize(), "Most MiB in one bulk request; it is sent early when reached.");
    static final ConfigKey<Integer> BULK_MAX_TEXT_DOCUMENT_SIZE = key("elasticsearch.bulk.max_text_document_size", integer(1, "MiB"), 3,
            c -> c.elasticsearch().bulk().maxTextDocumentSize(), "Largest document written, in MiB, but never below "
                    + "service.max_extracted_text_size + 1 MiB; a larger one has its longest text fields cut "
                    + "(document_truncated: true), and one still too large is counted and not written (Elastic drops it).");
    static final ConfigKey<Integer> BULK_MAX_RETRIES = key("elasticsearch.bulk.max_retries", integer(0, ""), 5,
            c -> c.elasticsearch().bulk().maxRetries(), "Retries of a failed bulk request (429, 408, 500, 502-504, no answer, timeout) and of the sink's other requests to "
                    + "the content index (create, settings, refresh, listing ids); also how many times the items a bulk answer "
                    + "throttled (429) are sent again, alone.");
    static final ConfigKey<Duration> BULK_RETRY_INTERVAL = key("elasticsearch.bulk.retry_interval", seconds(true), secs(10),
            c -> c.elasticsearch().bulk().retryInterval(), "Wait before the n-th of those retries: n x retry_interval (10, 20, 30 ... s), Elastic's linear backoff; "
                    + "a Retry-After the failed answer carries is waited instead (at most 5 minutes).");
    static final ConfigKey<Integer> BULK_CONCURRENT_DOWNLOADS = key("elasticsearch.bulk.concurrent_downloads", integer(1, ""), 10,
            c -> c.elasticsearch().bulk().concurrentDownloads(), "Most downloads in flight in one sync.");
    static final ConfigKey<Boolean> BULK_INITIAL_LOAD_SETTINGS = key("elasticsearch.bulk.initial_load_settings", bool(), true,
            c -> c.elasticsearch().bulk().initialLoadSettings(),
            "A full sync into an empty index runs it without periodic refresh (and without replica when the sync created "
                    + "it) until the sync ends, however it ends, as Elasticsearch advises for bulk loads; its documents "
                    + "become searchable at the end. An index that holds documents is left as it is. Ours, not Elastic's.");
    static final ConfigKey<Boolean> BULK_ENABLE_OPERATIONS_LOGGING = noEffect("elasticsearch.bulk.enable_operations_logging", bool(), false,
            "Log the id of every document indexed, updated or deleted.");

    // ---- elasticsearch.bulk.error_monitor ----
    static final ConfigKey<Boolean> EM_ENABLED = key("elasticsearch.bulk.error_monitor.enabled", bool(), true,
            c -> c.elasticsearch().bulk().errorMonitor().enabled(), "Whether the limits below fail a sync.");
    static final ConfigKey<Integer> EM_MAX_TOTAL_ERRORS = key("elasticsearch.bulk.error_monitor.max_total_errors", integer(0, ""), 1000,
            c -> c.elasticsearch().bulk().errorMonitor().maxTotalErrors(), "Document errors in one sync that fail it.");
    static final ConfigKey<Integer> EM_MAX_CONSECUTIVE_ERRORS = key("elasticsearch.bulk.error_monitor.max_consecutive_errors", integer(0, ""), 10,
            c -> c.elasticsearch().bulk().errorMonitor().maxConsecutiveErrors(), "Document errors in a row that fail the sync.");
    static final ConfigKey<Double> EM_MAX_ERROR_RATE = key("elasticsearch.bulk.error_monitor.max_error_rate", number(0, 1), 0.15,
            c -> c.elasticsearch().bulk().errorMonitor().maxErrorRate(), "Error ratio over the last error_window_size documents that fails the sync.");
    static final ConfigKey<Integer> EM_ERROR_WINDOW_SIZE = key("elasticsearch.bulk.error_monitor.error_window_size", integer(1, ""), 100,
            c -> c.elasticsearch().bulk().errorMonitor().errorWindowSize(), "Documents the error rate is computed over.");
    static final ConfigKey<Integer> EM_ERROR_QUEUE_SIZE = key("elasticsearch.bulk.error_monitor.error_queue_size", integer(1, ""), 10,
            c -> c.elasticsearch().bulk().errorMonitor().errorQueueSize(), "Most recent errors kept for the failure report.");

    // ---- service ----
    static final ConfigKey<Duration> SERVICE_IDLING = key("service.idling", seconds(false), secs(30),
            c -> c.service().idling(), "Wait between polls of Elasticsearch for connectors and jobs.");
    static final ConfigKey<Duration> SERVICE_HEARTBEAT = key("service.heartbeat", seconds(false), secs(300),
            c -> c.service().heartbeat(), "Wait between connector heartbeats.");
    static final ConfigKey<Integer> SERVICE_PREFLIGHT_MAX_ATTEMPTS = noEffect("service.preflight_max_attempts", integer(1, ""), 10,
            "Attempts of the startup pre-flight check.");
    static final ConfigKey<Duration> SERVICE_PREFLIGHT_IDLE = noEffect("service.preflight_idle", seconds(true), secs(30),
            "Wait between pre-flight attempts.");
    static final ConfigKey<Integer> SERVICE_MAX_ERRORS = noEffect("service.max_errors", integer(0, ""), 20,
            "Errors allowed in one event loop.");
    static final ConfigKey<Duration> SERVICE_MAX_ERRORS_SPAN = noEffect("service.max_errors_span", seconds(false), secs(600),
            "Time after which the max_errors count resets.");
    static final ConfigKey<Integer> SERVICE_MAX_CONTENT_SYNCS = key("service.max_concurrent_content_syncs", integer(1, ""), 1,
            c -> c.service().maxConcurrentContentSyncs(), "Content syncs run at once.");
    static final ConfigKey<Integer> SERVICE_MAX_ACCESS_CONTROL_SYNCS = noEffect("service.max_concurrent_access_control_syncs", integer(1, ""), 1,
            "Access-control syncs run at once; here every job, of any type, takes a slot of max_concurrent_content_syncs.");
    static final ConfigKey<Integer> SERVICE_MAX_SCHEDULING_TASKS = noEffect("service.max_concurrent_scheduling_tasks", integer(1, ""), 4,
            "Scheduling tasks run at once; here scheduling is one step of each poll.");
    static final ConfigKey<Long> SERVICE_MAX_FILE_DOWNLOAD_SIZE = key("service.max_file_download_size", bytes(0), 10_485_760L,
            c -> c.service().maxFileDownloadSize(), "Largest file downloaded for text extraction; larger ones are skipped.");
    static final ConfigKey<Long> SERVICE_MAX_EXTRACTED_TEXT_SIZE = key("service.max_extracted_text_size", bytes(0), 5_242_880L,
            c -> c.service().maxExtractedTextSize(), "Most extracted text kept per document (not in Elastic's file).");
    static final ConfigKey<Duration> SERVICE_JOB_CLEANUP_INTERVAL = key("service.job_cleanup_interval", seconds(false), secs(300),
            c -> c.service().jobCleanupInterval(), "Wait between cleanups of orphaned and stuck sync jobs.");
    static final ConfigKey<Duration> SERVICE_JOB_STALE_THRESHOLD = key("service.job_stale_threshold", seconds(false), secs(60),
            c -> c.service().jobStaleThreshold(), "A running job whose heartbeat is older than this is failed by cleanup (not in Elastic's file).");
    static final ConfigKey<Level> SERVICE_LOG_LEVEL = key("service.log_level", logLevel(), Level.INFO,
            c -> c.service().logLevel(), "Log level of the service.");
    static final ConfigKey<Duration> SERVICE_INCREMENTAL_SYNC_INTERVAL = noEffect("service.incremental_sync_interval_seconds", seconds(true), secs(120),
            "How far back an incremental sync looks for changes.");
    static final ConfigKey<Boolean> SERVICE_WORKER_MODE = noEffect("service.worker_mode", bool(), false,
            "Run as a worker of a larger deployment.");
    static final ConfigKey<List<String>> SERVICE_SERVICE_TYPES = noEffect("service.service_types", stringList(), List.of(),
            "Service types this service is limited to.");
    static final ConfigKey<Boolean> SERVICE_FIPS_MODE = noEffect("service.fips_mode", bool(), false,
            "Restrict cryptography to FIPS-approved algorithms.");
    static final ConfigKey<Boolean> SERVICE_SERVE_ALL = key("service.serve_all", bool(), false,
            c -> c.service().serveAll(), "Serve every connector whose service_type has a source, not only those listed (not in Elastic's file).");
    static final ConfigKey<Path> SERVICE_PLUGINS_DIR = key("service.plugins_dir", path(), Path.of("plugins"),
            c -> c.service().pluginsDir(), "Directory of third-party source jars, relative to this file's directory (not in Elastic's file).");

    // ---- service.http ----
    static final ConfigKey<Integer> HTTP_PORT = optional("service.http.port", integer(0, ""), "8081",
            c -> c.service().http().port(), "Port of the daemon's HTTP listener (webhooks, /health, /metrics); unset, "
                    + "there is no listener; 0 picks a free port (not in Elastic's file).");
    static final ConfigKey<String> HTTP_HOST = key("service.http.host", string(), "127.0.0.1",
            c -> c.service().http().host(), "Address the listener binds; loopback unless set (e.g. 0.0.0.0 behind a "
                    + "reverse proxy that Jira can reach).");
    static final ConfigKey<Path> HTTP_TLS_CERTIFICATE = optional("service.http.tls_certificate", path(), "/path/to/listener.crt",
            c -> c.service().http().tlsCertificate(), "PEM certificate (chain) of the listener; with tls_key, it speaks HTTPS only.");
    static final ConfigKey<Path> HTTP_TLS_KEY = optional("service.http.tls_key", path(), "/path/to/listener.key",
            c -> c.service().http().tlsKey(), "PEM private key (PKCS#8) of that certificate.");
    static final ConfigKey<Long> HTTP_MAX_BODY_SIZE = key("service.http.max_body_size", bytes(1), 1_048_576L,
            c -> c.service().http().maxBodySize(), "Largest request body accepted; a larger one is answered 413.");
    static final ConfigKey<Integer> HTTP_WEBHOOK_QUEUE_SIZE = key("service.http.webhook_queue_size", integer(1, ""), 1000,
            c -> c.service().http().webhookQueueSize(), "Items (issues) waiting to be fetched after a webhook; beyond it the "
                    + "connector gets an incremental sync queued instead of events dropped.");
    static final ConfigKey<Integer> HTTP_WEBHOOK_CONCURRENCY = key("service.http.webhook_concurrency", integer(1, ""), 16,
            c -> c.service().http().webhookConcurrency(), "Items fetched and written at once from webhooks. Each mostly waits "
                    + "(a fetch from the source, a write, a refresh shared with the others): 4 applied ~15-20 events/s "
                    + "and 16 ~27 on a loaded 2-core machine (docs/performance.md, phase 7).");
    static final ConfigKey<Duration> HTTP_WEBHOOK_COALESCE_WINDOW = key("service.http.webhook_coalesce_window", seconds(true),
            Duration.ofMillis(250), c -> c.service().http().webhookCoalesceWindow(), "How long an item's first webhook waits "
                    + "for more of the same item before the fetch: Jira sends several events for one change, and a burst of "
                    + "edits becomes one fetch.");

    // ---- extraction_service ----
    static final ConfigKey<String> EXTRACTION_HOST = optional("extraction_service.host", httpUrl(), "http://localhost:8090",
            c -> c.extractionService().host(), "URL of the extraction service; unset, none is used.");
    static final ConfigKey<Duration> EXTRACTION_TIMEOUT = key("extraction_service.timeout", seconds(false), secs(30),
            c -> c.extractionService().timeout(), "Timeout of one extraction request.");
    static final ConfigKey<String> EXTRACTION_PROTOCOL = key("extraction_service.protocol",
            oneOf("auto", "data_extraction_service", "tika_server"), "auto", c -> c.extractionService().protocol(),
            "Wire protocol of the service at host: data_extraction_service (Elastic's, PUT /extract_text/), tika_server "
                    + "(Apache Tika Server, PUT /tika), or auto: Elastic's for connectors whose configuration sets "
                    + "use_text_extraction_service, Tika Server's for the others (not in Elastic's file).");
    static final ConfigKey<Boolean> EXTRACTION_USE_FILE_POINTERS = key("extraction_service.use_file_pointers", bool(), false,
            c -> c.extractionService().useFilePointers(),
            "data_extraction_service only: put each file in shared_volume_dir and send its path instead of its bytes.");
    static final ConfigKey<Long> EXTRACTION_STREAM_CHUNK_SIZE = key("extraction_service.stream_chunk_size", bytes(1), 65_536L,
            c -> c.extractionService().streamChunkSize(), "Chunk size of files streamed to the extraction service.");
    static final ConfigKey<Path> EXTRACTION_SHARED_VOLUME_DIR = key("extraction_service.shared_volume_dir", path(), Path.of("/app/files"),
            c -> c.extractionService().sharedVolumeDir(),
            "Folder shared with the extraction service, at the same path on both sides, for use_file_pointers.");

    // ---- connectors[] items ----
    static final ConfigKey<String> CONNECTOR_ID = item("connector_id", string(), null, true, "my-connector-id",
            "Id of the connector in Elasticsearch.");
    static final ConfigKey<String> CONNECTOR_SERVICE_TYPE = item("service_type", string(), null, true, "jira",
            "Source type of the connector: a key of sources.");
    static final ConfigKey<Secret> CONNECTOR_API_KEY = item("api_key", secretString(), null, false, "${CONNECTOR_API_KEY}",
            "API key its documents are written with; unset, the elasticsearch credentials are used.");
    static final ConfigKey<List<String>> CONNECTOR_SINKS = item("sinks", stringList(), List.of("elasticsearch"), false,
            "[elasticsearch]", "Where its documents go: names of sinks, e.g. [elasticsearch, qbusiness]; one source read feeds them all.");

    // ---- connectors[].qbusiness (the block the qbusiness sink reads; checked against its schema when it is built) ----
    /** The block a connector entry gives the {@code qbusiness} sink. */
    static final String QBUSINESS_BLOCK = "qbusiness";
    private static <T> ConfigKey<T> qbusiness(String name, ValueType<T> type, @Nullable T defaultValue, boolean required,
                                              @Nullable String example, String description) {
        return new ConfigKey<>(CONNECTORS + "[]." + QBUSINESS_BLOCK + "." + name, type, defaultValue, required, true, example,
                description, null);
    }
    static final List<ConfigKey<?>> QBUSINESS_KEYS = List.of(
            qbusiness("region", awsRegion(), null, true, "us-east-1",
                    "AWS region of the Q Business application; this block is required when sinks names qbusiness."),
            qbusiness("application_id", nonBlankString(), null, true, "${QBUSINESS_APPLICATION_ID}", "Q Business application id."),
            qbusiness("index_id", nonBlankString(), null, true, "${QBUSINESS_INDEX_ID}", "Q Business index id."),
            qbusiness("data_source_id", nonBlankString(), null, false, "${QBUSINESS_DATA_SOURCE_ID}",
                    "CUSTOM data source id: when set, every sync runs inside one of its data source sync jobs."),
            qbusiness("endpoint", httpUrl(), null, false, "https://qbusiness.us-east-1.api.aws",
                    "API endpoint; unset, https://qbusiness.<region>.api.aws (set it for VPC endpoints and tests)."),
            qbusiness("batch_size", integer(1, 10, ""), 10, false, null, "Documents per BatchPutDocument/BatchDeleteDocument call, 1 to 10."),
            qbusiness("max_batch_bytes", integer(1024, ""), 5_242_880, false, null, "Largest request body of one batch call, in bytes."),
            qbusiness("concurrency", integer(1, ""), 2, false, null, "Batch calls in flight at once."),
            qbusiness("max_retries", integer(0, ""), 8, false, null,
                    "Retries of a throttled or failed call (ThrottlingException, InternalServerException), with backoff."),
            qbusiness("sync_job_wait", integer(0, "seconds"), 300, false, null,
                    "With data_source_id: how long a sync waits for another running sync job of the data source (409) before it fails; 0 fails at once."),
            qbusiness("access_key_id", nonBlankString(), null, false, "${AWS_ACCESS_KEY_ID}",
                    "Explicit AWS access key id; unset, the AWS default credentials chain (environment, profile, container, instance role)."),
            qbusiness("secret_access_key", secretString(), null, false, "${AWS_SECRET_ACCESS_KEY}",
                    "Explicit AWS secret access key (with access_key_id)."),
            qbusiness("session_token", secretString(), null, false, "${AWS_SESSION_TOKEN}", "AWS session token of temporary explicit credentials."),
            qbusiness("send_original_files", bool(), true, false, null,
                    "Send an attachment as its original file (PDF, Word, PowerPoint, Excel, HTML, ...) where Q Business parses that "
                            + "type itself, within 50 MB and max_batch_bytes; false, or any other file: the extracted text as PLAIN_TEXT."));

    static boolean isQBusinessKey(String name) {
        return qbusinessKey(name) != null;
    }

    static @Nullable ConfigKey<?> qbusinessKey(String name) {
        return QBUSINESS_KEYS.stream().filter(key -> key.name().equals(name)).findFirst().orElse(null);
    }

    // ---- deprecated top-level connector (Elastic's older single-connector form) ----
    static final ConfigKey<String> DEPRECATED_CONNECTOR_ID = deprecated("connector_id", "my-connector-id",
            "Deprecated (as in Elastic): the one connector of an older config.yml; used, with a warning, only when "
                    + "connectors is empty, together with service_type.");
    static final ConfigKey<String> DEPRECATED_SERVICE_TYPE = deprecated("service_type", "jira",
            "Deprecated (as in Elastic): the service_type of that connector.");

    // ---- sources ----
    /** The value type of every {@code sources} entry; its path stands for any service_type. */
    static final ConfigKey<String> SOURCE_CLASS = new ConfigKey<>(SOURCES + ".<service_type>", className(), null, false, true,
            "com.example.MySource", "Java class of the source for that service_type; a third-party jar goes in plugins_dir.", null);

    /** Sources shipped with the framework; a file's {@code sources} adds to or overrides these. */
    static final Map<String, String> BUILT_IN_SOURCES = orderedMap(
            "jira", "io.connectors.jira.JiraDataSource",
            "confluence", "io.connectors.confluence.ConfluenceDataSource");

    /**
     * Elastic's Python class names ({@code module:Class}) of the sources this project provides, to ours: a
     * config.yml of Elastic's that names them under {@code sources:} loads. Both the current module paths and the
     * older ones (before the atlassian package) are there.
     */
    static final Map<String, String> PYTHON_SOURCES = orderedMap(
            "connectors.sources.atlassian.jira:JiraDataSource", "io.connectors.jira.JiraDataSource",
            "connectors.sources.jira:JiraDataSource", "io.connectors.jira.JiraDataSource",
            "connectors.sources.atlassian.confluence:ConfluenceDataSource", "io.connectors.confluence.ConfluenceDataSource",
            "connectors.sources.confluence:ConfluenceDataSource", "io.connectors.confluence.ConfluenceDataSource");

    // ---- sinks ----
    /** The value type of every {@code sinks} entry; its path stands for any sink name. */
    static final ConfigKey<String> SINK_CLASS = new ConfigKey<>(SINKS + ".<name>", className(), null, false, true,
            "com.example.MySink", "Java class of the sink of that name; a third-party jar goes in plugins_dir.", null);

    /** Sinks shipped with the framework; a file's {@code sinks} adds to or overrides these. */
    static final Map<String, String> BUILT_IN_SINKS = orderedMap(
            "elasticsearch", "io.connectors.core.sink.elasticsearch.ElasticsearchSink",
            "qbusiness", "io.connectors.qbusiness.QBusinessSink");

    /** The open maps of name to Java class: {@code sources} and {@code sinks}. */
    static boolean isClassMap(String path) {
        return path.equals(SOURCES) || path.equals(SINKS);
    }

    static ConfigKey<String> classKeyOf(String section) {
        return section.equals(SINKS) ? SINK_CLASS : SOURCE_CLASS;
    }

    static Map<String, String> builtInsOf(String section) {
        return section.equals(SINKS) ? BUILT_IN_SINKS : BUILT_IN_SOURCES;
    }

    /** Every key outside connectors and sources, in rendering order. */
    static final List<ConfigKey<?>> ROOT_KEYS = List.of(
            ES_HOST, ES_USERNAME, ES_PASSWORD, ES_API_KEY, ES_SSL, ES_VERIFY_CERTS, ES_CA_CERTS, ES_REQUEST_TIMEOUT,
            ES_MAX_WAIT_DURATION, ES_RETRY_ON_TIMEOUT, ES_MAX_RETRIES, ES_RETRY_INTERVAL, ES_INITIAL_BACKOFF,
            ES_BACKOFF_MULTIPLIER, ES_LOG_LEVEL, ES_HEADERS, ES_FEATURE_USE_CONNECTORS_API,
            BULK_QUEUE_MAX_SIZE, BULK_QUEUE_MAX_MEM_SIZE, BULK_QUEUE_REFRESH_INTERVAL, BULK_QUEUE_REFRESH_TIMEOUT,
            BULK_DISPLAY_EVERY, BULK_CHUNK_SIZE, BULK_MAX_CONCURRENCY, BULK_CHUNK_MAX_MEM_SIZE,
            BULK_MAX_TEXT_DOCUMENT_SIZE, BULK_MAX_RETRIES, BULK_RETRY_INTERVAL, BULK_CONCURRENT_DOWNLOADS,
            BULK_INITIAL_LOAD_SETTINGS, BULK_ENABLE_OPERATIONS_LOGGING,
            EM_ENABLED, EM_MAX_TOTAL_ERRORS, EM_MAX_CONSECUTIVE_ERRORS, EM_MAX_ERROR_RATE, EM_ERROR_WINDOW_SIZE,
            EM_ERROR_QUEUE_SIZE,
            SERVICE_IDLING, SERVICE_HEARTBEAT, SERVICE_PREFLIGHT_MAX_ATTEMPTS, SERVICE_PREFLIGHT_IDLE,
            SERVICE_MAX_ERRORS, SERVICE_MAX_ERRORS_SPAN, SERVICE_MAX_CONTENT_SYNCS, SERVICE_MAX_ACCESS_CONTROL_SYNCS,
            SERVICE_MAX_SCHEDULING_TASKS, SERVICE_MAX_FILE_DOWNLOAD_SIZE, SERVICE_MAX_EXTRACTED_TEXT_SIZE,
            SERVICE_JOB_CLEANUP_INTERVAL, SERVICE_LOG_LEVEL, SERVICE_INCREMENTAL_SYNC_INTERVAL, SERVICE_WORKER_MODE,
            SERVICE_SERVICE_TYPES, SERVICE_FIPS_MODE, SERVICE_SERVE_ALL, SERVICE_PLUGINS_DIR, SERVICE_JOB_STALE_THRESHOLD,
            HTTP_PORT, HTTP_HOST, HTTP_TLS_CERTIFICATE, HTTP_TLS_KEY, HTTP_MAX_BODY_SIZE, HTTP_WEBHOOK_QUEUE_SIZE,
            HTTP_WEBHOOK_CONCURRENCY, HTTP_WEBHOOK_COALESCE_WINDOW,
            EXTRACTION_HOST, EXTRACTION_TIMEOUT, EXTRACTION_PROTOCOL, EXTRACTION_USE_FILE_POINTERS, EXTRACTION_STREAM_CHUNK_SIZE,
            EXTRACTION_SHARED_VOLUME_DIR);

    /** Top-level keys of Elastic's older single-connector form: read, never rendered as a section of their own. */
    static final List<ConfigKey<?>> DEPRECATED_KEYS = List.of(DEPRECATED_CONNECTOR_ID, DEPRECATED_SERVICE_TYPE);

    /** The keys of one {@code connectors} item. */
    static final List<ConfigKey<?>> CONNECTOR_KEYS = List.of(CONNECTOR_ID, CONNECTOR_SERVICE_TYPE, CONNECTOR_API_KEY, CONNECTOR_SINKS);

    private static final Map<String, ConfigKey<?>> ROOT_BY_PATH =
            Stream.concat(ROOT_KEYS.stream(), DEPRECATED_KEYS.stream()).collect(Collectors.toUnmodifiableMap(ConfigKey::path, Function.identity()));
    private static final Map<String, ConfigKey<?>> CONNECTOR_BY_NAME =
            CONNECTOR_KEYS.stream().collect(Collectors.toUnmodifiableMap(ConfigKey::name, Function.identity()));

    private ConfigKeys() {
    }

    static @Nullable ConfigKey<?> rootKey(String path) {
        return ROOT_BY_PATH.get(path);
    }

    static @Nullable ConfigKey<?> connectorKey(String name) {
        return CONNECTOR_BY_NAME.get(name);
    }

    /** Whether {@code path} is a mapping of keys from this table (not the connectors list or the sources map). */
    static boolean isKeySection(String path) {
        return !path.equals(CONNECTORS) && !isClassMap(path) && SECTIONS.stream().anyMatch(s -> s.path().equals(path));
    }

    /** The names that may appear directly inside the mapping at {@code parent} ("" for the root). */
    static Set<String> childNames(String parent) {
        Set<String> names = new LinkedHashSet<>();
        Stream.concat(SECTIONS.stream().map(Section::path), ROOT_KEYS.stream().map(ConfigKey::path))
                .filter(path -> parentOf(path).equals(parent))
                .forEach(path -> names.add(path.substring(path.lastIndexOf('.') + 1)));
        return names;
    }

    /** Every key path a file can hold, for suggesting where a misplaced key belongs. */
    static List<String> allPaths() {
        List<String> paths = new ArrayList<>();
        ROOT_KEYS.forEach(key -> paths.add(key.path()));
        CONNECTOR_KEYS.forEach(key -> paths.add(key.path()));
        return paths;
    }

    /** Paths of the keys accepted for compatibility with Elastic that have no effect here. */
    static Set<String> noEffectPaths() {
        return ROOT_KEYS.stream().filter(key -> !key.effective()).map(ConfigKey::path).collect(Collectors.toUnmodifiableSet());
    }

    static String parentOf(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }

    private static <T> ConfigKey<T> key(
            String path, ValueType<T> type, T defaultValue, Function<ConnectorsConfig, T> read, String description) {
        return new ConfigKey<>(path, type, defaultValue, false, true, null, description, read);
    }

    private static <T> ConfigKey<T> optional(
            String path, ValueType<T> type, String example, Function<ConnectorsConfig, @Nullable T> read, String description) {
        return new ConfigKey<>(path, type, null, false, true, example, description, read);
    }

    private static <T> ConfigKey<T> noEffect(String path, ValueType<T> type, T defaultValue, String description) {
        return new ConfigKey<>(path, type, defaultValue, false, false, null, description, null);
    }

    private static ConfigKey<String> deprecated(String path, String example, String description) {
        return new ConfigKey<>(path, string(), null, false, true, example, description, null);
    }

    private static <T> ConfigKey<T> item(
            String name, ValueType<T> type, @Nullable T defaultValue, boolean required, @Nullable String example,
            String description) {
        return new ConfigKey<>(CONNECTORS + "[]." + name, type, defaultValue, required, true, example, description, null);
    }

    private static Duration secs(long seconds) {
        return Duration.ofSeconds(seconds);
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
