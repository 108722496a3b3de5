package io.connectors.testkit.elasticsearch;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.elasticsearch.ElasticsearchContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * One Elasticsearch per JVM for the tests of every module, found in this order: the {@code ELASTICSEARCH_URL}
 * environment variable as is; a Testcontainers Elasticsearch when Docker is available; a {@link LocalElasticsearchNode}
 * from the integ-test zip. What it starts is stopped at the end of the test run ({@link ElasticsearchExtension}) or,
 * failing that, by a JVM shutdown hook.
 */
public final class ElasticsearchHarness {

    static final String SOURCE_ENV = "ELASTICSEARCH_URL";
    static final String SOURCE_TESTCONTAINERS = "testcontainers";
    static final String SOURCE_LOCAL = "local node";

    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchHarness.class);
    private static final Object LOCK = new Object();

    private static @Nullable TestElasticsearch shared;
    private static @Nullable AutoCloseable running;
    /** Kept so that every later test fails fast instead of waiting for another start timeout. */
    private static @Nullable RuntimeException failure;
    private static boolean shutdownHookAdded;

    private ElasticsearchHarness() {
    }

    /** The Elasticsearch of this JVM, started on first call. Thread safe. */
    public static TestElasticsearch shared() {
        synchronized (LOCK) {
            if (shared != null) {
                return shared;
            }
            if (failure != null) {
                throw new IllegalStateException("Elasticsearch for tests failed to start earlier in this JVM: "
                        + failure.getMessage(), failure);
            }
            try {
                shared = find();
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
            LOG.info("Tests use Elasticsearch at {} ({})", shared.url(), shared.source());
            return shared;
        }
    }

    /** Stops what {@link #shared()} started, if anything; a later {@link #shared()} starts afresh. Idempotent. */
    static void stop() {
        AutoCloseable toStop;
        synchronized (LOCK) {
            toStop = running;
            running = null;
            shared = null;
            failure = null;
        }
        if (toStop != null) {
            try {
                toStop.close();
            } catch (Exception e) {
                LOG.warn("Cannot stop the Elasticsearch of the tests", e);
            }
        }
    }

    private static TestElasticsearch find() {
        String url = System.getenv(SOURCE_ENV);
        if (url != null && !url.isBlank()) {
            return new TestElasticsearch(url.strip(), SOURCE_ENV);
        }
        if (dockerAvailable()) {
            // Own class, so Testcontainers' Elasticsearch module is only loaded when Docker is there.
            Containers.Started started = Containers.start(elasticsearchVersion());
            keep(started.container());
            return new TestElasticsearch(started.url(), SOURCE_TESTCONTAINERS);
        }
        LOG.info("No {} and no Docker for Testcontainers: starting a local Elasticsearch node", SOURCE_ENV);
        LocalElasticsearchNode node = LocalElasticsearchNode.start(LocalElasticsearchNode.Settings.defaults());
        keep(node);
        return new TestElasticsearch(node.httpUri().toString(), SOURCE_LOCAL);
    }

    private static void keep(AutoCloseable started) {
        running = started;
        if (!shutdownHookAdded) {
            Runtime.getRuntime().addShutdownHook(new Thread(ElasticsearchHarness::stop, "elasticsearch-harness-stop"));
            shutdownHookAdded = true;
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable noDocker) {
            // Anything (no socket, no Testcontainers on the class path, ...) means: no Docker.
            LOG.debug("Docker is not available for Testcontainers", noDocker);
            return false;
        }
    }

    private static String elasticsearchVersion() {
        String version = System.getProperty("elasticsearch.version");
        return version == null || version.isBlank() ? LocalElasticsearchNode.DEFAULT_VERSION : version;
    }

    private static final class Containers {

        record Started(AutoCloseable container, String url) {
        }

        static Started start(String version) {
            ElasticsearchContainer container = new ElasticsearchContainer(
                    DockerImageName.parse("docker.elastic.co/elasticsearch/elasticsearch:" + version))
                    .withEnv("xpack.security.enabled", "false")
                    .withEnv("xpack.ml.enabled", "false")
                    .withEnv("cluster.routing.allocation.disk.threshold_enabled", "false")
                    .withEnv("action.destructive_requires_name", "false")
                    .withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
            container.start();
            return new Started(container, "http://" + container.getHttpHostAddress());
        }
    }
}
