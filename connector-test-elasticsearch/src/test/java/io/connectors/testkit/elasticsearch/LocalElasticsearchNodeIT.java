package io.connectors.testkit.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ElasticsearchExtension.class)
class LocalElasticsearchNodeIT {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void clusterHealthIsGreenOrYellow(TestElasticsearch es) throws Exception {
        HttpResponse<String> health = send("GET", es.url() + "/_cluster/health", null);

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(health.body()).path("status").asText()).isIn("green", "yellow");
    }

    @Test
    void indexesADocumentAndCountsIt(TestElasticsearch es) throws Exception {
        String index = es.uniqueIndex("Harness-IT");

        assertThat(send("PUT", es.url() + "/" + index, "{}").statusCode()).isEqualTo(200);
        HttpResponse<String> indexed =
                send("PUT", es.url() + "/" + index + "/_doc/1?refresh=true", "{\"title\":\"hello\"}");
        HttpResponse<String> count = send("GET", es.url() + "/" + index + "/_count", null);

        assertThat(indexed.statusCode()).as(indexed.body()).isEqualTo(201);
        assertThat(JSON.readTree(count.body()).path("count").asLong()).as(count.body()).isEqualTo(1);
    }

    @Test
    void aSecondNodeRunsBesideTheSharedOneAndCloseEndsItsProcessAndRemovesItsWorkDir(TestElasticsearch es)
            throws Exception {
        long pid;
        Path workDir;
        try (LocalElasticsearchNode second = LocalElasticsearchNode.start(LocalElasticsearchNode.Settings.defaults())) {
            pid = second.pid();
            workDir = second.workDir();

            assertThat(second.httpUri().getPort()).isNotEqualTo(URI.create(es.url()).getPort());
            assertThat(second.version()).isEqualTo(System.getProperty("elasticsearch.version",
                    LocalElasticsearchNode.DEFAULT_VERSION));
            JsonNode health = JSON.readTree(send("GET", second.httpUri() + "/_cluster/health", null).body());
            assertThat(health.path("status").asText()).isIn("green", "yellow");
            // The pid is the server JVM itself, not the launcher that spawned it.
            assertThat(ProcessHandle.of(pid).flatMap(process -> process.info().commandLine()))
                    .hasValueSatisfying(commandLine -> assertThat(commandLine)
                            .contains("org.elasticsearch.bootstrap.Elasticsearch"));
            // The shared node is unaffected.
            assertThat(send("GET", es.url() + "/_cluster/health", null).statusCode()).isEqualTo(200);
        }

        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEqualTo(Optional.empty());
        assertThat(workDir).doesNotExist();
    }

    @Test
    void stopThenStartAgain_sameWorkDirAndPort_keepsTheIndexedDocuments() throws Exception {
        try (LocalElasticsearchNode node = LocalElasticsearchNode.start(LocalElasticsearchNode.Settings.defaults())) {
            String url = node.httpUri().toString();
            long firstPid = node.pid();
            assertThat(send("PUT", url + "/kept/_doc/1?refresh=true", "{\"title\":\"survives\"}").statusCode()).isEqualTo(201);

            node.stop();

            assertThat(node.running()).isFalse();
            assertThat(ProcessHandle.of(firstPid).filter(ProcessHandle::isAlive)).isEqualTo(Optional.empty());
            assertThat(node.workDir()).isDirectory();
            assertThatThrownBy(() -> send("GET", url + "/_cluster/health", null)).isInstanceOf(IOException.class);

            node.startAgain();

            assertThat(node.running()).isTrue();
            assertThat(node.pid()).isPositive().isNotEqualTo(firstPid);
            assertThat(node.httpUri().toString()).isEqualTo(url);
            HttpResponse<String> count = send("GET", url + "/kept/_count", null);
            assertThat(JSON.readTree(count.body()).path("count").asLong()).as(count.body()).isEqualTo(1);
        }
    }

    private static HttpResponse<String> send(String method, String url, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
