package io.connectors.ftest.jira;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.testkit.elasticsearch.ElasticsearchExtension;
import io.connectors.testkit.elasticsearch.TestElasticsearch;
import io.connectors.ftest.DataSize;
import io.connectors.ftest.FtestOptions;
import io.connectors.ftest.FtestReport;
import io.connectors.ftest.FtestRunner;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code make ftest NAME=jira} inside {@code make test}: the runner's entry point with the small data set, the daemon
 * as a separate process, against the test run's shared Elasticsearch. Cloud, Server, and Cloud with injected 429s
 * and 500s; each writes {@code target/ftest-report-<connector>.md} and the daemon's log beside it.
 */
@ExtendWith(ElasticsearchExtension.class)
class JiraFtestIT {

    @ParameterizedTest(name = "{0}, faults: {1}")
    @CsvSource({"cloud, false", "server, false", "cloud, true"})
    void smallDataSet_fullIncrementalFull_exactCountsAndContents(String flavor, boolean faults, TestElasticsearch es) {
        FtestReport report = run(flavor, faults, false, es);
        assertThat(report.phases()).extracting(FtestReport.Phase::jobType).containsExactly("full", "incremental", "full");
        if (faults) {
            assertThat(report.phases().stream().mapToLong(phase -> phase.injected429() + phase.injected500()).sum())
                    .as("faults were injected").isPositive();
        }
    }

    /**
     * {@code make ftest NAME=jira WEBHOOKS=yes} at small size: after the full sync, five mutations through signed
     * webhooks searchable within 2 s each without a job, a bad signature refused, missed webhooks healed exactly.
     */
    @ParameterizedTest(name = "{0}, webhooks")
    @CsvSource({"cloud"})
    void smallDataSet_webhooks_changesSearchableWithin2sAndHealed(String flavor, TestElasticsearch es) {
        FtestReport report = run(flavor, false, true, es);
        assertThat(report.phases()).extracting(FtestReport.Phase::jobType).containsExactly("full", "incremental");
        assertThat(report.checks()).anyMatch(check -> check.toString().contains("within 2 s"));
    }

    private static FtestReport run(String flavor, boolean faults, boolean webhooks, TestElasticsearch es) {
        String connectorId = "ftest-jira-" + flavor + (faults ? "-faults" : "") + (webhooks ? "-webhooks" : "");
        FtestOptions options = FtestOptions.defaults("jira")
                .withSize(DataSize.SMALL)
                .withFlavor(flavor)
                .withFaults(faults)
                .withWebhooks(webhooks)
                .withElasticsearchUrl(es.url())
                .withConnectorId(connectorId)
                .withOutputDir(Path.of("target"))
                .withReportFile(Path.of("target", "ftest-report-" + connectorId + ".md"));

        FtestReport report = FtestRunner.run(options);

        assertThat(report.failures()).as(report.markdown()).isEmpty();
        assertThat(report.passed()).isTrue();
        return report;
    }
}
