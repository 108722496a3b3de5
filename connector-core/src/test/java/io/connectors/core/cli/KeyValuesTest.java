package io.connectors.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyValuesTest {

    @Test
    void parse_keepsOrderSplitsAtTheFirstEqualsAndTheLastKeyWins() {
        assertThat(KeyValues.parse(List.of("url=https://x/?a=b", "empty=", "url=https://y")))
                .containsExactly(Map.entry("url", "https://y"), Map.entry("empty", ""));
    }

    @Test
    void parse_malformedPairs_listsEveryOneWithoutQuotingIt() {
        assertThatThrownBy(() -> KeyValues.parse(List.of("ok=1", "hunter2", "=x")))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.problems())
                        .containsExactly("value 2 is not key=value (no '=')", "value 3 is not key=value (the key is empty)"))
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void fromYaml_readsScalarsAndLists(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("values.yml"), "store: docs\npage_size: 20\nprojects: [A, B]\nunset:\n");

        assertThat(KeyValues.fromYaml(file)).containsEntry("store", "docs").containsEntry("page_size", 20)
                .containsEntry("projects", List.of("A", "B")).containsKey("unset");
    }

    @Test
    void fromYaml_nestedOrInvalid_failsWithoutQuotingTheLine(@TempDir Path dir) throws IOException {
        Path nested = Files.writeString(dir.resolve("nested.yml"), "store:\n  name: docs\n");
        Path invalid = Files.writeString(dir.resolve("invalid.yml"), "token: \"hunter2\n");

        assertThatThrownBy(() -> KeyValues.fromYaml(nested)).isInstanceOfSatisfying(CliException.class,
                e -> assertThat(e.problems()).containsExactly("store: expected a value or a list, got a mapping"));
        assertThatThrownBy(() -> KeyValues.fromYaml(invalid)).isInstanceOf(CliException.class)
                .hasMessageContaining("is not valid YAML").hasMessageNotContaining("hunter2");
    }
}
