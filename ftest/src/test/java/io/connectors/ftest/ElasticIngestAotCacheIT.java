package io.connectors.ftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/elastic-ingest}'s AOT cache (docs/performance.md, "The AOT cache"), on a distribution laid out as
 * {@code make package} does: the two training steps write a cache the next start maps its classes from, a cache the
 * JVM cannot use never stops the daemon from starting, and a wrong {@code CONNECTORS_AOT} is refused by name.
 */
class ElasticIngestAotCacheIT {

    private static final long TIMEOUT_SECONDS = 120;

    @Test
    void recordThenCreate_writesACache_thatTheNextStartLoadsClassesFrom(@TempDir Path dir) {
        assumeTrue(Runtime.version().feature() >= 25, "the AOT cache needs JDK 25 (JEP 483, 514, 515)");
        PackagedDistribution dist = PackagedDistribution.assemble(dir.resolve("dist"));

        PackagedDistribution.Run record = dist.run("elastic-ingest", Map.of("CONNECTORS_AOT", "record"), TIMEOUT_SECONDS, "--help");
        PackagedDistribution.Run create = dist.run("elastic-ingest", Map.of("CONNECTORS_AOT", "create"), TIMEOUT_SECONDS);
        PackagedDistribution.Run used = dist.run("elastic-ingest", Map.of("CONNECTORS_AOT", "auto", "JAVA_OPTS", "-Xlog:class+load=info"),
                TIMEOUT_SECONDS, "--help");
        PackagedDistribution.Run byDefault = dist.run("elastic-ingest", Map.of("JAVA_OPTS", "-Xlog:class+load=info"), TIMEOUT_SECONDS, "--help");

        assertThat(record.exitCode()).as(record.output()).isZero();
        assertThat(create.exitCode()).as(create.output()).isZero();
        assertThat(dist.home().resolve("aot/elastic-ingest.aot")).isNotEmptyFile();
        assertThat(used.exitCode()).as(used.output()).isZero();
        assertThat(used.output()).contains("Usage: elastic-ingest")
                .as("application classes mapped from the cache")
                .containsPattern("io\\.connectors\\.core\\.cli\\.ElasticIngest source: shared objects file");
        assertThat(byDefault.output()).as("the cache is opt-in: memory is the tighter bound (docs/performance.md)")
                .contains("Usage: elastic-ingest")
                .doesNotContainPattern("io\\.connectors\\.core\\.cli\\.ElasticIngest source: shared objects file");
    }

    @Test
    void cacheTheJvmCannotUse_isReportedAndTheDaemonStartsAnyway(@TempDir Path dir) throws IOException {
        PackagedDistribution dist = PackagedDistribution.assemble(dir.resolve("dist"));
        Files.createDirectories(dist.home().resolve("aot"));
        Files.writeString(dist.home().resolve("aot/elastic-ingest.aot"), "not a cache");

        PackagedDistribution.Run run = dist.run("elastic-ingest", Map.of("CONNECTORS_AOT", "auto"), TIMEOUT_SECONDS, "--help");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("Usage: elastic-ingest");
    }

    @Test
    void unknownAotMode_isRefusedWithTheValuesItTakes(@TempDir Path dir) {
        PackagedDistribution dist = PackagedDistribution.assemble(dir.resolve("dist"));

        PackagedDistribution.Run run = dist.run("elastic-ingest", Map.of("CONNECTORS_AOT", "always"), TIMEOUT_SECONDS, "--help");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("CONNECTORS_AOT must be auto, off, record or create, not 'always'");
    }
}
