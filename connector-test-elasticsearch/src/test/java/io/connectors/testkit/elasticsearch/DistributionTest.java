package io.connectors.testkit.elasticsearch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistributionTest {

    @TempDir
    Path dir;

    @Test
    void unzipsIntoTheTopFolderAndMakesBinFilesExecutable() throws IOException {
        Path zip = zip("elasticsearch-9.5.2/", "elasticsearch-9.5.2/bin/elasticsearch",
                "elasticsearch-9.5.2/config/elasticsearch.yml",
                "elasticsearch-9.5.2/modules/x-pack-ml/platform/linux-x86_64/bin/controller");

        Path home = Distribution.unzip(zip, dir.resolve("work"));

        assertThat(home).isEqualTo(dir.resolve("work").resolve("elasticsearch-9.5.2"));
        assertThat(Distribution.version(home)).isEqualTo("9.5.2");
        assertThat(home.resolve("bin/elasticsearch")).isExecutable().hasContent("elasticsearch-9.5.2/bin/elasticsearch");
        assertThat(home.resolve("modules/x-pack-ml/platform/linux-x86_64/bin/controller")).isExecutable();
        assertThat(Files.isExecutable(home.resolve("config/elasticsearch.yml"))).isFalse();
    }

    @Test
    void refusesEntriesOutsideTheTarget() throws IOException {
        Path zip = zip("elasticsearch-9.5.2/../../evil");

        assertThatThrownBy(() -> Distribution.unzip(zip, dir.resolve("work")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("outside");
    }

    @Test
    void refusesAZipThatIsNotAnElasticsearchDistribution() throws IOException {
        Path zip = zip("something-else/README");

        assertThatThrownBy(() -> Distribution.unzip(zip, dir.resolve("work")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not an Elasticsearch distribution");
    }

    @Test
    void configLeavesOutXpackSettingsWhenXpackIsAbsent() throws IOException {
        Path home = dir.resolve("elasticsearch-9.5.2");
        Files.createDirectories(home.resolve("modules/transport-netty4"));

        String yaml = Distribution.configYaml(home, dir, "c1", 9201, 9301);

        assertThat(yaml).contains("discovery.type: single-node", "network.host: 127.0.0.1", "http.port: 9201",
                        "transport.port: 9301", "cluster.name: \"c1\"", "action.destructive_requires_name: false",
                        "cluster.routing.allocation.disk.threshold_enabled: false",
                        "path.data: \"" + dir.resolve("data") + "\"", "path.logs: \"" + dir.resolve("logs") + "\"")
                .doesNotContain("xpack");
    }

    @Test
    void configTurnsSecurityAndMlOffWhenXpackCoreIsThere() throws IOException {
        Path home = dir.resolve("elasticsearch-9.5.2");
        Files.createDirectories(home.resolve("modules/x-pack-core"));

        String yaml = Distribution.configYaml(home, dir, "c1", 9201, 9301);

        assertThat(yaml).contains("xpack.security.enabled: false", "xpack.ml.enabled: false");
    }

    @Test
    void binFolderAtAnyDepth() {
        assertThat(Distribution.inBinFolder(Path.of("elasticsearch-9.5.2/bin/elasticsearch"))).isTrue();
        assertThat(Distribution.inBinFolder(Path.of("elasticsearch-9.5.2/jdk/bin/java"))).isTrue();
        assertThat(Distribution.inBinFolder(Path.of("elasticsearch-9.5.2/lib/binary.jar"))).isFalse();
        assertThat(Distribution.inBinFolder(Path.of("bin"))).isFalse();
    }

    private Path zip(String... entries) throws IOException {
        Path zip = dir.resolve("dist.zip");
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            for (String entry : entries) {
                out.putNextEntry(new ZipEntry(entry));
                if (!entry.endsWith("/")) {
                    out.write(entry.getBytes(UTF_8));
                }
                out.closeEntry();
            }
        }
        return zip;
    }
}
