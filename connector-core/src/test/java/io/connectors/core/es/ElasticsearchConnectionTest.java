package io.connectors.core.es;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.core.config.ConfigLoader;
import io.connectors.core.config.ConnectorsConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ElasticsearchConnectionTest {

    @Test
    void connection_sslFalse_leavesVerifyCertsAndCaCertsAside_asElasticDoes() {
        ConnectorsConfig off = ConfigLoader.parse("elasticsearch:\n  ssl: false\n  verify_certs: false\n  ca_certs: /nowhere/ca.pem\n",
                "config.yml", Map.of());
        ConnectorsConfig on = ConfigLoader.parse("elasticsearch:\n  ssl: true\n  verify_certs: false\n  ca_certs: /nowhere/ca.pem\n",
                "config.yml", Map.of());

        assertThat(ElasticsearchConnection.from(off.elasticsearch())).satisfies(c -> {
            assertThat(c.verifyCerts()).isTrue();
            assertThat(c.caCerts()).isNull();
        });
        assertThat(ElasticsearchConnection.from(on.elasticsearch())).satisfies(c -> {
            assertThat(c.verifyCerts()).isFalse();
            assertThat(c.caCerts()).hasToString("/nowhere/ca.pem");
        });
    }
}
