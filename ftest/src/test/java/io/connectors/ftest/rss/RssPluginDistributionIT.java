package io.connectors.ftest.rss;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.connectors.ftest.DaemonProcess;
import io.connectors.ftest.EsRest;
import io.connectors.ftest.Kibana;
import io.connectors.ftest.PackagedDistribution;
import io.connectors.testkit.elasticsearch.ElasticsearchExtension;
import io.connectors.testkit.elasticsearch.TestElasticsearch;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The example plugin the way a user installs it: a distribution laid out as {@code make package} does, the plugin's
 * jar in its {@code plugins/} (not on the class path: the daemon loads it in a class loader of its own), one line
 * under {@code sources:} and one entry under {@code connectors:}, the daemon started by {@code bin/elastic-ingest},
 * and the connector and its sync jobs written as plain JSON, as Kibana writes them.
 */
@ExtendWith(ElasticsearchExtension.class)
class RssPluginDistributionIT {

    private static final Logger log = LoggerFactory.getLogger(RssPluginDistributionIT.class);
    private static final String SOURCE_CLASS = "io.connectors.examples.rss.RssDataSource";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;
    private HttpServer feedHost;
    private final AtomicReference<String> feed = new AtomicReference<>("");
    private DaemonProcess daemon;

    @BeforeEach
    void startFeedHost() throws IOException {
        feedHost = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        feedHost.createContext("/team/feed.xml", exchange -> {
            byte[] body = feed.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        feedHost.start();
    }

    @AfterEach
    void tearDown() {
        if (daemon != null) {
            daemon.close();
        }
        feedHost.stop(0);
    }

    private String feedUrl() {
        return "http://127.0.0.1:" + feedHost.getAddress().getPort() + "/team/feed.xml";
    }

    @Test
    void pluginJarInPlugins_daemonSyncsTheFeed_thenMirrorsItsChanges(TestElasticsearch es) throws Exception {
        // ---- the distribution, the plugin, config.yml
        long started = System.nanoTime();
        PackagedDistribution dist = PackagedDistribution.assemble(work.resolve("connectors-0.1.0-SNAPSHOT"));
        log.info("distribution laid out in {} ms", (System.nanoTime() - started) / 1_000_000);
        assertThat(dist.libraries()).as("the plugin is not part of the distribution's class path")
                .noneMatch(jar -> jar.getFileName().toString().startsWith("connector-rss"));
        Path plugin = dist.addPlugin(PackagedDistribution.locationOf(Class.forName(SOURCE_CLASS)), "connector-rss.jar");
        String connectorId = "rss-" + Long.toHexString(System.nanoTime());
        String index = es.uniqueIndex("search-feeds");
        dist.writeConfig("""
                elasticsearch:
                  host: %s
                service:
                  idling: 1
                connectors:
                  - connector_id: %s
                    service_type: rss
                sources:
                  rss: %s
                """.formatted(es.url(), connectorId, SOURCE_CLASS));
        Map<String, String> environment = Map.of("JAVA_HOME", System.getProperty("java.home"), "JAVA_OPTS", "-Xmx256m");

        // ---- bin/connectors sources: the plugin is found, with its schema
        PackagedDistribution.Run sources = dist.run("connectors", environment, 60,
                "-c", dist.config().toString(), "--json", "sources", "rss");
        log.info("bin/connectors sources answered after {} ms", (System.nanoTime() - started) / 1_000_000);
        assertThat(sources.exitCode()).as(sources.output()).isZero();
        JsonNode listed = JSON.readTree(sources.output().substring(sources.output().indexOf('['))).path(0);
        assertThat(listed.path("available").asBoolean()).as(sources.output()).isTrue();
        assertThat(listed.path("configuration").path("feed_urls").path("required").asBoolean()).isTrue();
        assertThat(listed.path("configuration").path("auth_token").path("sensitive").asBoolean()).isTrue();

        // ---- the daemon, and a connector created in Kibana: the daemon writes the plugin's schema into it
        feed.set(rss(item("post-1", "Release 1.2", "Mon, 02 Jun 2025 08:00:00 GMT", "Faster <b>syncs</b>."),
                item("post-2", "Hiring", "Tue, 03 Jun 2025 08:00:00 GMT", "We are hiring."),
                item("post-3", "Offsite", "Wed, 04 Jun 2025 08:00:00 GMT", "See you in Lisbon.")));
        daemon = DaemonProcess.exec(List.of(dist.script("elastic-ingest").toString(), "-c", dist.config().toString()),
                environment, Path.of("target", "rss-plugin-daemon.log"));
        try (EsRest rest = new EsRest(es.url())) {
            Kibana kibana = new Kibana(rest);
            kibana.awaitControlIndices(WAIT, daemon);
            kibana.createConnector(connectorId, newConnector(index));
            JsonNode created = kibana.awaitConnectorStatus(connectorId, "needs_configuration", WAIT, daemon);
            assertThat(created.path("configuration").path("feed_urls").path("label").asText()).isEqualTo("Feed URLs");
            assertThat(created.path("configuration").path("retry_count").path("value").asInt()).isEqualTo(3);

            // the user fills in the form and saves it
            rest.call("POST", "/" + Kibana.CONNECTORS + "/_update/" + connectorId + "?refresh=true",
                    Map.of("doc", Map.of("status", "configured",
                            "configuration", Map.of("feed_urls", Map.of("value", feedUrl())))));
            kibana.awaitConnectorStatus(connectorId, "connected", WAIT, daemon);

            // ---- a full sync: every item
            JsonNode first = kibana.awaitJob(kibana.createJob(connectorId, "full"), WAIT, daemon);
            assertThat(first.path("indexed_document_count").asInt()).isEqualTo(3);
            assertThat(rest.count(index, null)).isEqualTo(3);
            JsonNode release = rest.get(index, "post-1").orElseThrow();
            assertThat(release.path("title").asText()).isEqualTo("Release 1.2");
            assertThat(release.path("body").asText()).isEqualTo("Faster syncs.");
            assertThat(release.path("_timestamp").asText()).isEqualTo("2025-06-02T08:00:00Z");
            assertThat(release.path("feed_title").asText()).isEqualTo("Team news");
            assertThat(release.path("url").asText()).isEqualTo("http://feeds.example.test/post-1");
            assertThat(rest.count(index, Map.of("match", Map.of("body", "lisbon")))).as("body is searchable").isEqualTo(1);

            // ---- the feed moves on: one item edited, one gone, one new; the next full sync mirrors it
            feed.set(rss(item("post-1", "Release 1.2.1", "Thu, 05 Jun 2025 08:00:00 GMT", "Faster syncs, fixed."),
                    item("post-3", "Offsite", "Wed, 04 Jun 2025 08:00:00 GMT", "See you in Lisbon."),
                    item("post-4", "Q3 plan", "Fri, 06 Jun 2025 08:00:00 GMT", "The plan.")));
            JsonNode second = kibana.awaitJob(kibana.createJob(connectorId, "full"), WAIT, daemon);
            assertThat(second.path("indexed_document_count").asInt()).as("one updated, one created").isEqualTo(2);
            assertThat(second.path("deleted_document_count").asInt()).isEqualTo(1);
            assertThat(rest.get(index, "post-2")).isEmpty();
            assertThat(rest.get(index, "post-1").orElseThrow().path("title").asText()).isEqualTo("Release 1.2.1");
            assertThat(rest.count(index, null)).isEqualTo(3);
        }

        assertThat(daemon.logLines("Plugins in")).as("the daemon loaded " + plugin.getFileName() + " from plugins/")
                .anySatisfy(line -> assertThat(line).contains(plugin.getFileName().toString()));
        assertThat(daemon.stop(Duration.ofSeconds(15))).as("exit status after SIGTERM").isZero();
        log.info("two syncs through the distribution's daemon done after {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    /** A connector client as Kibana creates it: a service type and an index, no configuration yet. */
    private static Map<String, Object> newConnector(String index) {
        Map<String, Object> off = Map.of("enabled", false, "interval", "0 0 0 * * ?");
        Map<String, Object> rules = Map.of("rules", List.of(), "advanced_snippet", Map.of("value", Map.of()),
                "validation", Map.of("state", "valid", "errors", List.of()));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("api_key_id", null);
        document.put("configuration", Map.of());
        document.put("custom_scheduling", Map.of());
        document.put("description", null);
        document.put("error", null);
        document.put("features", Map.of());
        document.put("filtering", List.of(Map.of("domain", "DEFAULT", "active", rules, "draft", rules)));
        document.put("index_name", index);
        document.put("is_native", false);
        document.put("language", null);
        document.put("last_seen", null);
        document.put("last_sync_error", null);
        document.put("last_sync_status", null);
        document.put("last_synced", null);
        document.put("name", "Team feeds");
        document.put("pipeline", Map.of("extract_binary_content", true, "name", "search-default-ingestion",
                "reduce_whitespace", true, "run_ml_inference", false));
        document.put("scheduling", Map.of("access_control", off, "full", off, "incremental", off));
        document.put("service_type", "rss");
        document.put("status", "created");
        document.put("sync_cursor", null);
        document.put("deleted", false);
        return document;
    }

    private static String rss(String... items) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Team news</title><link>http://feeds.example.test/</link>
                %s
                </channel></rss>
                """.formatted(String.join("\n", items));
    }

    private static String item(String guid, String title, String pubDate, String html) {
        return """
                <item><guid>%s</guid><title>%s</title><link>http://feeds.example.test/%s</link>
                  <pubDate>%s</pubDate><description><![CDATA[%s]]></description></item>"""
                .formatted(guid, title, guid, pubDate, html);
    }
}
