package io.connectors.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md and config.yml are renderings of the key table; a key changed without regenerating them
 * fails here. Regenerate with: mvn -pl connector-core test -Dtest=ConfigDocsTest -Dconfig.docs.regenerate=true
 */
class ConfigDocsTest {

    static final String BEGIN = "<!-- BEGIN GENERATED from the key table by ConfigReference.markdown(); do not edit -->\n";
    static final String END = "<!-- END GENERATED -->";

    private static final Path DOC = Path.of("../docs/configuration.md");
    private static final Path CONFIG_YML = Path.of("../config.yml");
    private static final boolean REGENERATE = Boolean.getBoolean("config.docs.regenerate");

    @Test
    void docsConfigurationMd_isUpToDateWithTheKeyTable() throws IOException {
        String doc = Files.readString(DOC);
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        assertThat(begin).as("the generated-block markers in " + DOC).isNotNegative();
        assertThat(end).as("the generated-block markers in " + DOC).isGreaterThan(begin);

        String expected = doc.substring(0, begin + BEGIN.length()) + ConfigReference.markdown() + doc.substring(end);
        if (REGENERATE) {
            Files.writeString(DOC, expected);
            doc = expected;
        }
        assertThat(doc).as(DOC + " is stale: regenerate it (see ConfigDocsTest)").isEqualTo(expected);
    }

    @Test
    void configYml_isUpToDateWithTheKeyTable() throws IOException {
        String expected = ConfigReference.annotatedYaml();
        if (REGENERATE || !Files.exists(CONFIG_YML)) {
            Files.writeString(CONFIG_YML, expected);
        }
        assertThat(Files.readString(CONFIG_YML)).as(CONFIG_YML + " is stale: regenerate it (see ConfigDocsTest)").isEqualTo(expected);
    }
}
