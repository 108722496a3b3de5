package io.connectors.testkit.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectors.testkit.elasticsearch.LocalElasticsearchNode.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalElasticsearchNodeSettingsTest {

    private static final Path INTEG_TEST_ZIP_FOLDER =
            Path.of("org", "elasticsearch", "distribution", "integ-test-zip", "elasticsearch");

    @Test
    void theDistributionPropertyWins() {
        Path zip = Settings.defaultDistributionZip(Map.of(
                "elasticsearch.distribution", "/opt/es/elasticsearch-9.9.9.zip",
                "elasticsearch.version", "8.0.0",
                "maven.repo.local", "/repo",
                "user.home", "/home/me")::get);

        assertThat(zip).isEqualTo(Path.of("/opt/es/elasticsearch-9.9.9.zip"));
    }

    @Test
    void elseTheIntegTestZipOfTheVersionInTheLocalRepositoryProperty() {
        Path zip = Settings.defaultDistributionZip(Map.of(
                "elasticsearch.version", "9.1.0",
                "maven.repo.local", "/ci/repo",
                "user.home", "/home/me")::get);

        assertThat(zip).isEqualTo(Path.of("/ci/repo").resolve(INTEG_TEST_ZIP_FOLDER)
                .resolve(Path.of("9.1.0", "elasticsearch-9.1.0.zip")));
    }

    @Test
    void elseTheDefaultVersionInTheM2RepositoryOfTheUser() {
        Path zip = Settings.defaultDistributionZip(Map.of(
                "elasticsearch.distribution", " ",
                "user.home", "/home/me")::get);

        assertThat(zip).isEqualTo(Path.of("/home/me", ".m2", "repository").resolve(INTEG_TEST_ZIP_FOLDER)
                .resolve(Path.of("9.5.2", "elasticsearch-9.5.2.zip")));
    }

    @Test
    void defaultsOfThisJvm() {
        Settings defaults = Settings.defaults();

        assertThat(defaults.workDir()).isNull();
        assertThat(defaults.heap()).isEqualTo("512m");
        assertThat(defaults.javaHome()).isEqualTo(Path.of(System.getProperty("java.home")));
        assertThat(defaults.startTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(defaults.httpPort()).isZero();
        // Surefire passes the zip Maven resolved.
        assertThat(defaults.distributionZip()).isEqualTo(Path.of(System.getProperty("elasticsearch.distribution")))
                .isRegularFile();
    }

    @Test
    void withersChangeOneSetting() {
        Settings settings = Settings.defaults()
                .withHeap("1g")
                .withHttpPort(19_200)
                .withStartTimeout(Duration.ofSeconds(5))
                .withWorkDir(Path.of("/tmp/es"));

        assertThat(settings.heap()).isEqualTo("1g");
        assertThat(settings.httpPort()).isEqualTo(19_200);
        assertThat(settings.startTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.workDir()).isEqualTo(Path.of("/tmp/es"));
        assertThat(settings.distributionZip()).isEqualTo(Settings.defaults().distributionZip());
    }

    @Test
    void refusesNonsense() {
        Settings defaults = Settings.defaults();

        assertThatThrownBy(() -> defaults.withHeap("-Xmx1g")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withHttpPort(70_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withStartTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAJavaHomeWithoutJava(@org.junit.jupiter.api.io.TempDir Path notAJdk) {
        assertThatThrownBy(() -> LocalElasticsearchNode.start(Settings.defaults().withJavaHome(notAJdk)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("JDK >= 21");
    }
}
