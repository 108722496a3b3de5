package io.connectors.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import co.elastic.logging.logback.EcsEncoder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The daemon's and the CLI's logging, as {@code bin/elastic-ingest} and {@code bin/connectors} get it. */
class LogConfiguratorTest {

    private final LoggerContext context = new LoggerContext();
    private final Map<String, String> settings = new HashMap<>();
    private boolean testConfigOnClassPath;

    private ExecutionStatus configure() {
        LogConfigurator configurator = new LogConfigurator(settings::get, resource -> testConfigOnClassPath && resource.equals("logback-test.xml"));
        configurator.setContext(context);
        return configurator.configure(context);
    }

    private Logger root() {
        return context.getLogger(Logger.ROOT_LOGGER_NAME);
    }

    @SuppressWarnings("unchecked")
    private ConsoleAppender<ILoggingEvent> console() {
        return (ConsoleAppender<ILoggingEvent>) root().getAppender("console");
    }

    @Test
    void daemon_byDefault_textLinesOnStdoutAtInfo_chattyLibrariesQuieter() {
        assertThat(configure()).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        assertThat(root().getLevel()).isEqualTo(Level.INFO);
        assertThat(console().getTarget()).isEqualTo("System.out");
        assertThat(console().isStarted()).isTrue();
        assertThat(((PatternLayoutEncoder) console().getEncoder()).getPattern()).startsWith("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread]");
        assertThat(context.getLogger("io.netty.channel").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.apache.pdfbox.pdmodel.font").getEffectiveLevel()).isEqualTo(Level.ERROR);
        assertThat(context.getLogger("co.elastic.clients.transport.rest5_client.low_level.Rest5Client").getLevel()).isEqualTo(Level.ERROR);
        assertThat(context.getLogger("io.connectors.core").getEffectiveLevel()).isEqualTo(Level.INFO);
    }

    @Test
    void daemon_logFormatEcsAndLogLevel_asTheCommandLineSetsThem() {
        settings.put("LOG_FORMAT", "ECS");
        settings.put("LOG_LEVEL", "DEBUG");

        configure();

        assertThat(console().getEncoder()).isInstanceOf(EcsEncoder.class);
        assertThat(root().getLevel()).isEqualTo(Level.DEBUG);
    }

    @Test
    void daemon_unknownLevel_isInfo() {
        settings.put("LOG_LEVEL", "LOUD");

        configure();

        assertThat(root().getLevel()).isEqualTo(Level.INFO);
    }

    @Test
    void cli_stderrAtWarn_orConnectorsLogLevel() {
        settings.put(LogConfigurator.PROFILE, "cli");

        configure();

        assertThat(console().getTarget()).isEqualTo("System.err");
        assertThat(root().getLevel()).isEqualTo(Level.WARN);
        assertThat(((PatternLayoutEncoder) console().getEncoder()).getPattern()).startsWith("%d{HH:mm:ss.SSS} %-5level %logger{36}");

        LoggerContext again = new LoggerContext();
        settings.put("CONNECTORS_LOG_LEVEL", "info");
        LogConfigurator configurator = new LogConfigurator(settings::get, resource -> false);
        configurator.setContext(again);
        configurator.configure(again);
        assertThat(again.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.INFO);
    }

    @Test
    void anOperatorsOwnFile_handsOverToLogbacksXmlConfigurator() {
        settings.put("logback.configurationFile", "/etc/connectors/logback.xml");

        assertThat(configure()).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(root().getAppender("console")).isNull();
    }

    @Test
    void testsLogbackTestXml_wins_unlessAProfileIsNamed() {
        testConfigOnClassPath = true;
        assertThat(configure()).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);

        settings.put(LogConfigurator.PROFILE, "daemon");
        assertThat(configure()).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        assertThat(console()).isNotNull();
    }
}
