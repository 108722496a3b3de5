package io.connectors.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.core.config.ConfigLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which connectors a daemon serves, and the words it uses when it does not. */
class DaemonSettingsTest {

    private static DaemonSettings settings(String yaml) {
        return DaemonSettings.from(ConfigLoader.parse(yaml, "config.yml", Map.of()));
    }

    private static final DaemonSettings LISTED = settings("""
            connectors:
              - connector_id: team-wiki
                service_type: jira
            """);

    private static final DaemonSettings SERVE_ALL = settings("""
            service:
              serve_all: true
            """);

    @Test
    void whyNotServed_connectorListedWithItsType_isNull() {
        assertThat(LISTED.whyNotServed("team-wiki", "jira", true)).isNull();
        assertThat(LISTED.serves("team-wiki", "jira", true)).isTrue();
    }

    @Test
    void whyNotServed_connectorNotListedAndServeAllOff_namesBothKeys() {
        assertThat(LISTED.whyNotServed("other", "jira", true))
                .isEqualTo("connector other is not in config.yml connectors: and service.serve_all is false");
        assertThat(LISTED.serves("other", "jira", true)).isFalse();
    }

    @Test
    void whyNotServed_listedWithAnotherType_namesBothTypes() {
        assertThat(LISTED.whyNotServed("team-wiki", "confluence", true))
                .contains("service_type jira", "its document says confluence");
    }

    @Test
    void whyNotServed_serveAllAndNoSourceForTheType_namesTheType() {
        assertThat(SERVE_ALL.whyNotServed("any", "salesforce", false))
                .isEqualTo("service type salesforce has no source configured (config.yml sources:)");
        assertThat(SERVE_ALL.whyNotServed("any", "jira", true)).isNull();
    }

    @Test
    void whyNotServed_noServiceType_saysSo() {
        assertThat(SERVE_ALL.whyNotServed("bare", null, false)).isEqualTo("connector bare has no service_type");
    }
}
