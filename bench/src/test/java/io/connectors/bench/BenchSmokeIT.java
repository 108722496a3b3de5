package io.connectors.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectors.core.json.Json;
import io.connectors.testkit.elasticsearch.ElasticsearchExtension;
import io.connectors.testkit.elasticsearch.TestElasticsearch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code make bench} in small: every phase at 1,000 documents (the daemon against a mock Jira of 100 issues), with
 * its count checks, against the tests' Elasticsearch. The real benchmark is not part of {@code make test}.
 */
@ExtendWith(ElasticsearchExtension.class)
class BenchSmokeIT {

    @Test
    void everyPhase_atOneThousandDocuments_passesItsChecks_andWritesTheReport(TestElasticsearch es, @TempDir Path out) throws Exception {
        Map<String, String> env = Map.of(
                "BENCH_DOCS", "1000",
                "BENCH_ELASTICSEARCH_URL", es.url(),
                "BENCH_SWEEP_DOCS", "200",
                "BENCH_WARMUP_DOCS", "200",
                "BENCH_REPEATS", "2",
                "BENCH_E2E_ISSUES", "100",
                "BENCH_IDLE_SECONDS", "1",
                "BENCH_WEBHOOK_SECONDS", "2",
                "BENCH_OUT", out.toString());
        Bench bench = new Bench(BenchSettings.fromEnvironment(env::get));

        int status = bench.run();

        assertThat(status).as(Files.exists(out.resolve("report.md")) ? Files.readString(out.resolve("report.md")) : "no report").isZero();
        JsonNode report = Json.mapper().readTree(out.resolve("report.json").toFile());
        assertThat(report.path("summary")).hasSize(15);
        assertThat(report.path("summary").toString()).contains("1 raw", "1 sweep", "2 full sync", "3 no-op", "4a full sync with diff",
                "4b incremental", "5 end to end, cold", "5 end to end, warm", "5 no-change full resync", "5 daemon memory",
                "6 memory", "6 existing ids", "7 webhooks at 1/s", "7 webhooks at 50/s");
        assertThat(report.path("engine_jvm").path("raw")).hasSize(3);
        assertThat(report.path("engine_jvm").path("sweep")).hasSize(10);
        assertThat(report.path("end_to_end").path("documents").asLong()).isEqualTo(100 + 3 + report.path("end_to_end").path("attachments").asLong());
        JsonNode e2e = report.path("end_to_end");
        for (String run : new String[] {"cold", "warm", "no_change_resync"}) {
            assertThat(e2e.path(run).path("daemon_cpu_seconds").asDouble()).as(run).isPositive();
            assertThat(e2e.path(run).path("daemon_compiler_cpu_seconds").asDouble()).as(run).isNotNegative();
            assertThat(e2e.path(run).path("source_bytes_served").asLong()).as(run).isPositive();
        }
        assertThat(e2e.path("cold").path("daemon_compiler_cpu_seconds").asDouble()).isPositive();
        assertThat(e2e.path("no_change_resync").path("source_full_issues_served").asLong()).isZero();
        assertThat(e2e.path("no_change_resync").path("source_attachments_served").asLong()).isZero();
        assertThat(e2e.path("no_change_resync").path("source_bytes_served").asLong())
                .isLessThanOrEqualTo(e2e.path("cold").path("source_bytes_served").asLong() / 10);
        assertThat(e2e.path("daemon_peak_rss_bytes").asLong()).isPositive();
        assertThat(report.path("machine").path("elasticsearch").asText()).startsWith("9.");
        assertThat(Files.readString(out.resolve("report.md"))).contains("| 3 no-op resync |", "0 upserts, 0 downloads");
        // phase 7: counts only (timings belong to the benchmark): every event sent, answered 2xx and seen, none lost
        JsonNode rates = report.path("webhooks").path("rates");
        assertThat(rates).hasSize(2);
        for (JsonNode rate : rates) {
            long planned = rate.path("events_per_second").asLong() * 2;
            assertThat(rate.path("sent").asLong()).as(rate.toString()).isEqualTo(planned);
            assertThat(rate.path("seen").asLong()).as(rate.toString()).isEqualTo(planned);
            assertThat(rate.path("lost").asLong()).as(rate.toString()).isZero();
            assertThat(rate.path("no_answer").asLong()).as(rate.toString()).isZero();
            assertThat(rate.path("non_2xx").size()).as(rate.toString()).isZero();
            assertThat(rate.path("issues_fetched").asLong()).as(rate.toString()).isPositive().isLessThanOrEqualTo(planned);
            assertThat(rate.path("searches").asLong()).as(rate.toString()).isPositive();
        }
    }
}
