package io.connectors.api;

import org.jspecify.annotations.Nullable;

/**
 * A logger the runtime lends a plugin: every line it writes carries the connector id and, during a job, the job id
 * (as MDC fields {@code connector.id} and {@code job.id} in ECS JSON logs, as a prefix in plain logs). Messages use
 * SLF4J's {@code {}} placeholders; a {@link Throwable} as the last argument is logged with its stack trace.
 *
 * <p>Never log a secret: configuration values marked sensitive, tokens, {@code Authorization} headers.
 */
public interface ConnectorLogger {

    void debug(String message, @Nullable Object... arguments);

    void info(String message, @Nullable Object... arguments);

    void warn(String message, @Nullable Object... arguments);

    void error(String message, @Nullable Object... arguments);

    boolean isDebugEnabled();
}
