package io.connectors.ftest.confluence;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.ftest.DataSize;
import io.connectors.ftest.FtestOptions;
import io.connectors.ftest.FtestReport;
import io.connectors.ftest.FtestRunner;
import io.connectors.testkit.elasticsearch.ElasticsearchExtension;
import io.connectors.testkit.elasticsearch.TestElasticsearch;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code make ftest NAME=confluence} inside {@code make test}: the small data set, the daemon as a separate process,
 * against the test run's Elasticsearch. Cloud, Server, Data Center (personal access token), and Cloud with injected
 * 429s and 500s; each writes {@code target/ftest-report-<connector>.md} and the daemon's log beside it.
 */
@ExtendWith(ElasticsearchExtension.class)
class ConfluenceFtestIT {

    @ParameterizedTest(name = "{0}, faults: {1}")
    @CsvSource({"cloud, false", "server, false", "data_center, false", "cloud, true"})
    void smallDataSet_fullIncrementalFull_exactCountsAndContents(String flavor, boolean faults, TestElasticsearch es) {
        String connectorId = "ftest-confluence-" + flavor.replace('_', '-') + (faults ? "-faults" : "");
        FtestOptions options = FtestOptions.defaults("confluence")
                .withSize(DataSize.SMALL)
                .withFlavor(flavor)
                .withFaults(faults)
                .withElasticsearchUrl(es.url())
                .withConnectorId(connectorId)
                .withOutputDir(Path.of("target"))
                .withReportFile(Path.of("target", "ftest-report-" + connectorId + ".md"));

        FtestReport report = FtestRunner.run(options);

        assertThat(report.failures()).as(report.markdown()).isEmpty();
        assertThat(report.phases()).extracting(FtestReport.Phase::jobType).containsExactly("full", "incremental", "full");
        if (faults) {
            assertThat(report.phases().stream().mapToLong(phase -> phase.injected429() + phase.injected500()).sum())
                    .as("faults were injected").isPositive();
        }
    }
}
