package io.connectors.ftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FtestOptionsTest {

    @Test
    void makeVariables_areParsed_withTheDocumentedDefaults() {
        FtestOptions defaults = FtestOptions.fromSettings(Map.of("NAME", "jira"));
        assertThat(defaults.size()).isEqualTo(DataSize.SMALL);
        assertThat(defaults.flavor()).isEqualTo("cloud");
        assertThat(defaults.faults()).isFalse();
        assertThat(defaults.elasticsearchUrl()).isNull();
        assertThat(defaults.connectorId()).isEqualTo("ftest-jira");
        assertThat(defaults.indexName()).isEqualTo("search-ftest-jira");
        assertThat(defaults.daemonJvmOptions()).isEqualTo(FtestOptions.DEFAULT_DAEMON_JVM_OPTIONS);
        assertThat(defaults.daemonLogLevel()).isEqualTo("INFO");

        FtestOptions all = FtestOptions.fromSettings(Map.of("NAME", "JIRA", "DATA_SIZE", "Medium", "FLAVOR", "Server",
                "FAULTS", "yes", "ELASTICSEARCH_URL", "http://127.0.0.1:9200", "DAEMON_JAVA_OPTS", " -Xmx1g  -Xss1m ",
                "DAEMON_LOG_LEVEL", "debug", "FTEST_REPORT", "/tmp/r.md"));
        assertThat(all.name()).isEqualTo("jira");
        assertThat(all.size()).isEqualTo(DataSize.MEDIUM);
        assertThat(all.flavor()).isEqualTo("server");
        assertThat(all.faults()).isTrue();
        assertThat(all.elasticsearchUrl()).isEqualTo("http://127.0.0.1:9200");
        assertThat(all.daemonJvmOptions()).containsExactly("-Xmx1g", "-Xss1m");
        assertThat(all.daemonLogLevel()).isEqualTo("DEBUG");
        assertThat(all.reportFile()).isEqualTo(Path.of("/tmp/r.md"));
        assertThat(all.label()).isEqualTo("jira server medium, faults");
        assertThat(FtestOptions.fromSettings(Map.of("NAME", "jira", "FAULTS", "no")).faults()).isFalse();
        assertThat(FtestOptions.fromSettings(Map.of("NAME", "jira", "ELASTICSEARCH_URL", " ")).elasticsearchUrl()).isNull();
    }

    @Test
    void badValues_areRefusedWithTheVariableName() {
        assertThatThrownBy(() -> FtestOptions.fromSettings(Map.of())).hasMessageContaining("NAME is required");
        assertThatThrownBy(() -> FtestOptions.fromSettings(Map.of("NAME", "jira", "DATA_SIZE", "huge")))
                .hasMessageContaining("DATA_SIZE must be small, medium or large");
        assertThatThrownBy(() -> FtestOptions.fromSettings(Map.of("NAME", "jira", "FAULTS", "maybe")))
                .hasMessageContaining("FAULTS must be yes or no");
    }

    @Test
    void daemonClassPath_dropsTestOutputFolders() {
        String classPath = String.join(File.pathSeparator, List.of("/r/ftest/target/test-classes", "/r/ftest/target/classes",
                "/m2/connector-core-0.1.0-SNAPSHOT.jar", "/r/connector-core/target/test-classes/", "/m2/lib.jar"));
        assertThat(FtestOptions.daemonClassPathOf(classPath).split(File.pathSeparator))
                .containsExactly("/r/ftest/target/classes", "/m2/connector-core-0.1.0-SNAPSHOT.jar", "/m2/lib.jar");
    }

    @Test
    void dataSizes_matchTheIssue_andTimeoutsGrowWithSizeAndFaults() {
        assertThat(DataSize.SMALL.issues()).isEqualTo(500);
        assertThat(DataSize.MEDIUM.issues()).isEqualTo(10_000);
        assertThat(DataSize.LARGE.issues()).isEqualTo(100_000);
        assertThat(DataSize.SMALL.jobTimeout(false)).isEqualTo(Duration.ofSeconds(135));
        assertThat(DataSize.MEDIUM.jobTimeout(false)).isEqualTo(Duration.ofSeconds(420));
        assertThat(DataSize.MEDIUM.jobTimeout(true)).isEqualTo(Duration.ofSeconds(840));
    }
}
