package io.connectors.core.cli;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IndexNameTest {

    @Test
    void checkIndexName_kibanaStyleName_isAccepted() {
        assertThatCode(() -> ConnectorAdmin.checkIndexName("search-jira.eng_2026")).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Search-Jira", "search jira", "search/jira", "search*", "a:b", "a#b", "_hidden", "-x", "+x", ".", "..", " "})
    void checkIndexName_whatElasticsearchRefuses_isRefusedBeforeAnythingIsWritten(String name) {
        assertThatThrownBy(() -> ConnectorAdmin.checkIndexName(name)).isInstanceOf(CliException.class)
                .hasMessageContaining("is not a valid index name");
    }
}
