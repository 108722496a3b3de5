package io.connectors.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** elasticsearch.log_level sets the Elasticsearch client's loggers, and only those (issue 12, point 7). */
class LogSetupTest {

    @AfterEach
    void reset() {
        LogSetup.ELASTICSEARCH_CLIENT_LOGGERS.forEach(name -> ((Logger) LoggerFactory.getLogger(name)).setLevel(null));
    }

    @Test
    void elasticsearchClientLevel_setsTheClientLoggers_notTheService() {
        Level service = ((Logger) LoggerFactory.getLogger("io.connectors")).getEffectiveLevel();

        LogSetup.elasticsearchClientLevel("DEBUG");

        assertThat(((Logger) LoggerFactory.getLogger("co.elastic.clients.transport.rest5_client")).getEffectiveLevel()).isEqualTo(Level.DEBUG);
        assertThat(((Logger) LoggerFactory.getLogger("org.elasticsearch.client.RestClient")).getEffectiveLevel()).isEqualTo(Level.DEBUG);
        assertThat(((Logger) LoggerFactory.getLogger("io.connectors")).getEffectiveLevel()).isEqualTo(service);
    }
}
