package io.connectors.ftest.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DemoConnectorTest {

    @Test
    void named_unknownDemo_failsNamingTheChoices() {
        assertThatThrownBy(() -> DemoConnector.named("confluence"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DEMO=confluence is not a demo: jira (the default) or articles");
    }

    @Test
    void jira_configurationAndSearchToTry_pointAtTheMockAndAPdfOfIt() throws Exception {
        try (DemoConnector demo = DemoConnector.named("jira")) {
            assertThat(demo.schema().validate(demo.configuration())).isEmpty();
            assertThat(demo.configuration().get("jira_url").toString()).startsWith("http://127.0.0.1:");
            assertThat(demo.tryQuery()).matches("atok\\d+");
            assertThat(demo.whatToExpect()).contains(".pdf of issue P");
            assertThat(demo.trySearch("http://es:9200"))
                    .isEqualTo("curl 'http://es:9200/search-jira/_search?q=" + demo.tryQuery() + "&size=3&pretty'");
        }
    }

    @Test
    void articles_defaults_resolve() throws Exception {
        try (DemoConnector demo = DemoConnector.named("articles")) {
            assertThat(demo.schema().resolve(demo.configuration()).getInt("count")).isEqualTo(1000);
            assertThat(demo.index()).isEqualTo("search-demo");
        }
    }
}
