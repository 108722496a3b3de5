package io.connectors.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectors.api.ConnectorApi;
import io.connectors.core.service.ConnectorService;
import io.connectors.core.service.ControlPlane;
import io.connectors.core.service.DaemonFixture;
import io.connectors.testkit.elasticsearch.ElasticsearchExtension;
import io.connectors.testkit.elasticsearch.IndexProbe;
import io.connectors.testkit.elasticsearch.TestElasticsearch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Plugins in one daemon against a real Elasticsearch, driven through the control indices as Kibana would: each
 * plugin sees its own libraries, and a broken plugin affects only its own connectors.
 */
@ExtendWith(ElasticsearchExtension.class)
class PluginIsolationIT {

    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path home;

    @RegisterExtension
    final DaemonFixture daemons = new DaemonFixture();
    private final TestElasticsearch es = daemons.es();
    private final IndexProbe probe = daemons.probe();
    private final ControlPlane kibana = daemons.kibana();
    private final ListAppender<ILoggingEvent> serviceLog = new ListAppender<>();

    @BeforeEach
    void listenToTheService() {
        serviceLog.start();
        ((Logger) LoggerFactory.getLogger(ConnectorService.class)).addAppender(serviceLog);
    }

    @AfterEach
    void stopListening() {
        ((Logger) LoggerFactory.getLogger(ConnectorService.class)).detachAppender(serviceLog);
    }

    @Test
    void twoPluginsBundlingTwoVersionsOfOneLibrary_syncInOneDaemon_eachIndexHoldsItsOwnVersion() {
        Path plugins = home.resolve("plugins");
        IsolationPlugins.buildGreeters(plugins);
        startDaemon(plugins, Map.of("greeter_one", IsolationPlugins.GREETER_ONE, "greeter_two", IsolationPlugins.GREETER_TWO));
        String indexOne = es.uniqueIndex("greeter-one");
        String indexTwo = es.uniqueIndex("greeter-two");
        kibana.connectorOfType("one", "greeter_one", indexOne, Map.of("count", Map.of("label", "Documents", "type", "int", "value", 5)));
        kibana.connectorOfType("two", "greeter_two", indexTwo, Map.of("count", Map.of("label", "Documents", "type", "int", "value", 7)));
        String jobOne = kibana.pendingJob("one", "full");
        String jobTwo = kibana.pendingJob("two", "full");

        await().atMost(SYNC_TIMEOUT).until(() -> ended(jobOne) && ended(jobTwo));

        assertThat(kibana.job(jobOne)).containsEntry("status", "completed").containsEntry("indexed_document_count", 5);
        assertThat(kibana.job(jobTwo)).containsEntry("status", "completed").containsEntry("indexed_document_count", 7);
        assertThat(probe.count(indexOne)).isEqualTo(5);
        assertThat(probe.count(indexTwo)).isEqualTo(7);
        ObjectNode fromOne = probe.document(indexOne, "one-4").orElseThrow();
        ObjectNode fromTwo = probe.document(indexTwo, "two-6").orElseThrow();
        assertThat(fromOne.get("greeting").asText()).isEqualTo("hello from greeting 1");
        assertThat(fromTwo.get("greeting").asText()).isEqualTo("hello from greeting 2");
        // the same class name, loaded twice: once from the jar that bundles it, once from the folder's lib/ jar
        assertThat(fromOne.get("library_loader").asText()).isEqualTo("plugin greeter-one.jar");
        assertThat(fromTwo.get("library_loader").asText()).isEqualTo("plugin greeter-two");
        assertThat(kibana.connectorDoc("one")).containsEntry("status", "connected");
        assertThat(kibana.connectorDoc("two")).containsEntry("status", "connected");
    }

    @Test
    void brokenPlugins_putOnlyTheirOwnConnectorsInError_whileAHealthyOneCompletes() {
        Path plugins = home.resolve("plugins");
        IsolationPlugins.buildBroken(plugins, home.resolve("build"));
        // the premises: the helper library and the 2.0 API were compiled against, not packed
        assertThat(IsolationPlugins.contains(plugins.resolve("half-built.jar"), "com/example/helper/Labels.class")).isFalse();
        assertThat(IsolationPlugins.contains(plugins.resolve("future-api.jar"), "io/connectors/api/ConnectorApi.class")).isFalse();
        startDaemon(plugins, Map.of(
                "throwing", IsolationPlugins.THROWING,
                "unlinked", IsolationPlugins.UNLINKED,
                "lazy", IsolationPlugins.LAZY,
                "sibling", IsolationPlugins.SIBLING,
                "api_two", IsolationPlugins.API_TWO));
        String siblingIndex = es.uniqueIndex("sibling");
        for (String type : List.of("throwing", "unlinked", "lazy", "sibling", "api_two")) {
            kibana.connectorOfType(type, type, type.equals("sibling") ? siblingIndex : es.uniqueIndex(type.replace('_', '-')), Map.of());
        }
        String throwingJob = kibana.pendingJob("throwing", "full");
        String unlinkedJob = kibana.pendingJob("unlinked", "full");
        String lazyJob = kibana.pendingJob("lazy", "full");
        String siblingJob = kibana.pendingJob("sibling", "full");
        String apiTwoJob = kibana.pendingJob("api_two", "full");

        await().atMost(SYNC_TIMEOUT).until(() -> ended(throwingJob) && ended(lazyJob) && ended(siblingJob)
                && "error".equals(kibana.connectorDoc("unlinked").get("status"))
                && "error".equals(kibana.connectorDoc("api_two").get("status")));

        // the healthy source next to the broken provider in the same jar
        assertThat(kibana.job(siblingJob)).containsEntry("status", "completed").containsEntry("indexed_document_count", 4);
        assertThat(probe.count(siblingIndex)).isEqualTo(4);
        assertThat(kibana.connectorDoc("sibling")).containsEntry("status", "connected");

        // a constructor that throws: that connector's check and its job fail, with the source's own words
        assertThat(kibana.job(throwingJob)).containsEntry("status", "error");
        assertThat(kibana.job(throwingJob).get("error")).asString()
                .contains("'throwing'", IsolationPlugins.THROWING, IsolationPlugins.THROWING_REASON);
        assertThat(kibana.connectorDoc("throwing")).containsEntry("status", "error");
        assertThat(kibana.connectorDoc("throwing").get("error")).asString().contains(IsolationPlugins.THROWING_REASON);

        // a class missing from the jar, needed only once documents stream: the job fails instead of hanging
        assertThat(kibana.job(lazyJob)).containsEntry("status", "error");
        assertThat(kibana.job(lazyJob).get("error")).asString()
                .contains("NoClassDefFoundError", "com/example/helper/Labels", "'lazy'");
        assertThat(kibana.connectorDoc("lazy")).containsEntry("status", "error");

        // a descriptor that needs the missing class: its connector is in error; the job waits for a daemon that can run it
        assertThat(kibana.connectorDoc("unlinked").get("error")).asString()
                .contains("'unlinked'", IsolationPlugins.UNLINKED + "$Descriptor", "com/example/helper/Labels", "half-built.jar");
        assertThat(kibana.job(unlinkedJob)).containsEntry("status", "pending");

        // built for connector-api 2.0: refused, naming both versions
        assertThat(kibana.connectorDoc("api_two").get("error")).asString()
                .contains("'api_two'", "future-api.jar", "connector-api " + IsolationPlugins.FUTURE_API,
                        "connector-api " + ConnectorApi.VERSION);
        assertThat(kibana.job(apiTwoJob)).containsEntry("status", "pending");

        // the daemon says why it leaves the two jobs pending, once each however many polls pass
        await().atMost(Duration.ofSeconds(10)).during(Duration.ofSeconds(2))
                .until(() -> notServedLines(unlinkedJob).size() == 1 && notServedLines(apiTwoJob).size() == 1);
        assertThat(notServedLines(apiTwoJob).getFirst())
                .contains("connector api_two", "is pending and not served by this daemon", "connector-api 2.0");
    }

    private void startDaemon(Path plugins, Map<String, String> sources) {
        StringBuilder yaml = new StringBuilder("""
                elasticsearch:
                  host: %s
                service:
                  serve_all: true
                  max_concurrent_content_syncs: 3
                  plugins_dir: %s
                sources:
                """.formatted(es.url(), plugins.toAbsolutePath()));
        sources.forEach((type, className) -> yaml.append("  ").append(type).append(": ").append(className).append('\n'));
        daemons.start(yaml.toString(), settings -> settings.withWorkerHostname("isolation"));
    }

    private boolean ended(String jobId) {
        return List.of("completed", "error", "canceled").contains(String.valueOf(kibana.job(jobId).get("status")));
    }

    private List<String> notServedLines(String jobId) {
        List<ILoggingEvent> events;
        synchronized (serviceLog) { // the appender appends under this lock, from the daemon's threads
            events = List.copyOf(serviceLog.list);
        }
        return events.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(line -> line.contains("job " + jobId + " ") && line.contains("not served")).toList();
    }
}
