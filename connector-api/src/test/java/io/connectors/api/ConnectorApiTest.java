package io.connectors.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectorApiTest {

    @Test
    void version_isOneOne() {
        assertThat(ConnectorApi.VERSION).isEqualTo("1.1");
    }

    @Test
    void incompatibility_pluginBuiltAgainstOneZero_loads() {
        assertThat(ConnectorApi.incompatibility("1.0")).isNull();
        assertThat(ConnectorApi.incompatibility("1.1")).isNull();
    }

    @Test
    void incompatibility_newerMinorOrOtherMajor_isExplained() {
        assertThat(ConnectorApi.incompatibility("1.2")).contains("1.2", "newer than this runtime's 1.1");
        assertThat(ConnectorApi.incompatibility("2.0")).contains("majors differ");
        assertThat(ConnectorApi.incompatibility("one")).contains("not of the form major.minor");
    }
}
