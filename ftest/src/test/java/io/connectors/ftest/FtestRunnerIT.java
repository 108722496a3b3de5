package io.connectors.ftest;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.testkit.elasticsearch.ElasticsearchExtension;
import io.connectors.testkit.elasticsearch.TestElasticsearch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The runner's failure paths: a run that cannot succeed fails its report, and the main exits non-zero. */
@ExtendWith(ElasticsearchExtension.class)
class FtestRunnerIT {

    @TempDir
    Path dir;

    @Test
    void aDaemonThatDiesAtStart_failsTheRun_quoting_itsLog(TestElasticsearch es) throws IOException {
        FtestOptions options = FtestOptions.defaults("jira").withElasticsearchUrl(es.url())
                .withDaemonJvmOptions(List.of("-Xmx1k")) // the JVM refuses to start
                .withConnectorId("ftest-jira-dead-daemon").withOutputDir(dir).withReportFile(dir.resolve("report.md"));

        FtestReport report = FtestRunner.run(options);

        assertThat(report.passed()).isFalse();
        assertThat(report.failures()).singleElement().satisfies(check -> assertThat(check.detail())
                .contains("the daemon exited while waiting for").contains("heap"));
        assertThat(Files.readString(dir.resolve("report.md"))).contains("**Result: FAILED**");
    }

    @Test
    void main_exits2OnBadArguments_and1WhenTheRunFails(TestElasticsearch es) throws Exception {
        assertThat(runMain(es, "NAME=nope")).isEqualTo(2);
        assertThat(runMain(es, "NAME=jira", "DATA_SIZE=huge")).isEqualTo(2);
        assertThat(runMain(es, "NAME=jira", "DAEMON_JAVA_OPTS=-Xmx1k")).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("main-report.md"), StandardCharsets.UTF_8)).contains("**Result: FAILED**");
    }

    private int runMain(TestElasticsearch es, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FtestRunner.class.getName()));
        command.addAll(List.of(args));
        command.add("ELASTICSEARCH_URL=" + es.url());
        command.add("FTEST_REPORT=" + dir.resolve("main-report.md"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("main.log").toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("runner ends").isTrue();
        return process.exitValue();
    }
}
