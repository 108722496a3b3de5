package io.connectors.core.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/** Chooses the log format (LOG_FORMAT: TEXT or ECS) before logging starts, and the level after. */
final class LogSetup {

    private LogSetup() {}

    static void fromArguments(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String value = args[i].startsWith("--log-format=") ? args[i].substring("--log-format=".length())
                    : args[i].equals("--log-format") && i + 1 < args.length ? args[i + 1] : null;
            if (value != null) {
                System.setProperty("LOG_FORMAT", value.equalsIgnoreCase("json") ? "ECS" : "TEXT");
            }
            String level = args[i].startsWith("--log-level=") ? args[i].substring("--log-level=".length())
                    : args[i].equals("--log-level") && i + 1 < args.length ? args[i + 1] : null;
            if (level != null) {
                System.setProperty("LOG_LEVEL", level.toUpperCase(java.util.Locale.ROOT));
            }
        }
    }

    /** The loggers of the Elasticsearch client (elasticsearch.log_level, as Elastic sets its elastic_transport logger). */
    static final java.util.List<String> ELASTICSEARCH_CLIENT_LOGGERS = java.util.List.of("co.elastic.clients", "org.elasticsearch.client");

    static void elasticsearchClientLevel(String level) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            ELASTICSEARCH_CLIENT_LOGGERS.forEach(name -> context.getLogger(name).setLevel(Level.toLevel(level, Level.INFO)));
        }
    }

    static void level(String level) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(level, Level.INFO));
        }
    }
}
