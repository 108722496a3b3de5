package io.connectors.core.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import co.elastic.logging.logback.EcsEncoder;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The logging of {@code bin/elastic-ingest} and {@code bin/connectors}, set up in code (found by Logback through
 * {@code META-INF/services}). An XML file would do the same, but Logback's XML configurator loads ~600 classes to read
 * it: ~10 MB of RSS for the life of the daemon (docs/performance.md, "Memory").
 *
 * <ul>
 *   <li>The daemon (default): stdout, root level {@code LOG_LEVEL} (INFO), {@code LOG_FORMAT} {@code TEXT} or
 *       {@code ECS} (one ECS JSON object per line), as {@code --log-level} and {@code --log-format} set them;
 *       the chatty libraries (Netty, Tika, PDFBox, POI, the HTTP client) at WARN or ERROR.</li>
 *   <li>The CLI ({@code connectors.logging=cli}, set by {@code bin/connectors}): stderr, so stdout holds only the
 *       command's output; {@code CONNECTORS_LOG_LEVEL} (WARN).</li>
 * </ul>
 * Each setting is read from a system property, then the environment. An operator's own file wins:
 * {@code -Dlogback.configurationFile=...} (through {@code JAVA_OPTS}) hands over to Logback's XML configurator, as does
 * a {@code logback-test.xml} on the class path (tests) unless {@code connectors.logging} names a profile.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {

    /** The system property that picks the profile: {@code daemon} (default) or {@code cli}. */
    public static final String PROFILE = "connectors.logging";

    /**
     * Elasticsearch's deprecation warnings: the control indices start with a dot, as Elastic's do, and the warning
     * comes with each request; noise in the daemon's log and in a command's output.
     */
    private static final String ELASTICSEARCH_WARNINGS = "co.elastic.clients.transport.rest5_client.low_level.Rest5Client";
    /** Below the level of the root logger, whatever it is: these libraries log per request or per file. */
    private static final Map<String, Level> QUIET_DAEMON = Map.of(
            "org.apache.hc", Level.WARN,
            ELASTICSEARCH_WARNINGS, Level.ERROR,
            "io.netty", Level.WARN,
            "reactor.netty", Level.WARN,
            "org.apache.tika", Level.WARN,
            "org.apache.pdfbox", Level.ERROR,
            "org.apache.poi", Level.ERROR);
    private static final Map<String, Level> QUIET_CLI = Map.of(ELASTICSEARCH_WARNINGS, Level.ERROR);

    private final UnaryOperator<@Nullable String> settings;
    private final Predicate<String> onClassPath;

    /** As Logback calls it: system properties, then the environment, and this class's class loader. */
    public LogConfigurator() {
        this(name -> System.getProperty(name, System.getenv(name)),
                resource -> LogConfigurator.class.getClassLoader().getResource(resource) != null);
    }

    LogConfigurator(UnaryOperator<@Nullable String> settings, Predicate<String> onClassPath) {
        this.settings = settings;
        this.onClassPath = onClassPath;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        String profile = settings.apply(PROFILE);
        if (settings.apply("logback.configurationFile") != null || profile == null && onClassPath.test("logback-test.xml")) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        boolean cli = "cli".equalsIgnoreCase(profile);
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        if (cli) {
            console.setTarget("System.err");
            console.setEncoder(pattern(context, "%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n"));
        } else {
            console.setEncoder("ECS".equalsIgnoreCase(settings.apply("LOG_FORMAT")) ? ecs(context)
                    : pattern(context, "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n"));
        }
        console.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(cli ? Level.toLevel(settings.apply("CONNECTORS_LOG_LEVEL"), Level.WARN)
                : Level.toLevel(settings.apply("LOG_LEVEL"), Level.INFO));
        root.addAppender(console);
        (cli ? QUIET_CLI : QUIET_DAEMON).forEach((name, level) -> context.getLogger(name).setLevel(level));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static Encoder<ILoggingEvent> pattern(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }

    private static Encoder<ILoggingEvent> ecs(LoggerContext context) {
        EcsEncoder encoder = new EcsEncoder();
        encoder.setContext(context);
        encoder.setServiceName("elastic-ingest");
        encoder.start();
        return encoder;
    }
}
