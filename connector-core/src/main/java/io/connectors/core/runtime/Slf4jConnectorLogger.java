package io.connectors.core.runtime;

import io.connectors.api.ConnectorLogger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The {@link ConnectorLogger} plugins get: SLF4J underneath, each line with {@code connector.id} and {@code job.id}
 * in the MDC (ECS JSON logs carry them as fields) for the duration of the call, whatever thread it is on.
 */
public final class Slf4jConnectorLogger implements ConnectorLogger {

    private final Logger log;
    private final String connectorId;
    private final @Nullable String jobId;

    public Slf4jConnectorLogger(String loggerName, String connectorId, @Nullable String jobId) {
        this.log = LoggerFactory.getLogger(loggerName);
        this.connectorId = connectorId;
        this.jobId = jobId;
    }

    /** The logger of a source: {@code io.connectors.source.<connector id>}. */
    public static Slf4jConnectorLogger forSource(String connectorId, @Nullable String jobId) {
        return new Slf4jConnectorLogger("io.connectors.source." + connectorId, connectorId, jobId);
    }

    @Override
    public void debug(String message, @Nullable Object... arguments) {
        if (log.isDebugEnabled()) {
            withIds(() -> log.debug(message, arguments));
        }
    }

    @Override
    public void info(String message, @Nullable Object... arguments) {
        if (log.isInfoEnabled()) {
            withIds(() -> log.info(message, arguments));
        }
    }

    @Override
    public void warn(String message, @Nullable Object... arguments) {
        withIds(() -> log.warn(message, arguments));
    }

    @Override
    public void error(String message, @Nullable Object... arguments) {
        withIds(() -> log.error(message, arguments));
    }

    @Override
    public boolean isDebugEnabled() {
        return log.isDebugEnabled();
    }

    private void withIds(Runnable line) {
        String previousConnector = MDC.get("connector.id");
        String previousJob = MDC.get("job.id");
        MDC.put("connector.id", connectorId);
        if (jobId != null) {
            MDC.put("job.id", jobId);
        }
        try {
            line.run();
        } finally {
            restore("connector.id", previousConnector);
            restore("job.id", previousJob);
        }
    }

    private static void restore(String key, @Nullable String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
