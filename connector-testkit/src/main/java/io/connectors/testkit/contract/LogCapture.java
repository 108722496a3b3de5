package io.connectors.testkit.contract;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Every log line of a contract run, as text, so that a secret can be looked for in it.
 *
 * <p>A leak usually hides in a DEBUG line ("calling {} with token {}"), which the test's own logging configuration
 * would drop. So the watched loggers (the runtime's and the source's) are lowered to DEBUG for the run, but detached
 * from their parents: what the test's configuration would have shown is still handed on to the root's appenders,
 * and the extra DEBUG lines reach only this capture, not the console. Everything is put back on {@link #close()}.
 */
final class LogCapture implements AutoCloseable {

    /** Enough for any fixture; a run that logs more keeps its first lines (a leak shows up early or everywhere). */
    private static final int MAX_LINES = 200_000;

    /** One captured line: who logged it and everything of it a reader could see. */
    record Line(String level, String logger, String text) {}

    private final List<Line> lines = new ArrayList<>();
    private final Logger root;
    private final Capture rootCapture;
    private final List<Watched> watched = new ArrayList<>();

    private record Watched(Logger logger, @Nullable Level level, boolean additive, Capture capture) {}

    private LogCapture(Logger root) {
        this.root = root;
        this.rootCapture = new Capture(null, Level.TRACE);
    }

    /** Starts capturing: every line the configuration lets through, and DEBUG and up of {@code loggerNames}. */
    static LogCapture start(List<String> loggerNames) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            throw new IllegalStateException("The contract kit reads log lines through Logback, but SLF4J is bound to "
                    + LoggerFactory.getILoggerFactory().getClass().getName()
                    + ": put logback-classic on the test class path (connector-testkit brings it)");
        }
        LogCapture capture = new LogCapture(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME));
        capture.rootCapture.setContext(context);
        capture.rootCapture.start();
        capture.root.addAppender(capture.rootCapture);
        for (String name : loggerNames) {
            capture.watch(context.getLogger(name));
        }
        return capture;
    }

    private void watch(Logger logger) {
        if (watched.stream().anyMatch(w -> logger.getName().startsWith(w.logger().getName() + "."))) {
            return; // an ancestor is watched already: its lines climb to it
        }
        Capture capture = new Capture(root, logger.getEffectiveLevel());
        capture.setContext(logger.getLoggerContext());
        capture.start();
        watched.add(new Watched(logger, logger.getLevel(), logger.isAdditive(), capture));
        logger.addAppender(capture);
        logger.setAdditive(false);
        logger.setLevel(Level.DEBUG);
    }

    /** The lines captured so far. */
    List<Line> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override
    public void close() {
        for (Watched w : watched.reversed()) {
            w.logger().setLevel(w.level());
            w.logger().setAdditive(w.additive());
            w.logger().detachAppender(w.capture());
            w.capture().stop();
        }
        root.detachAppender(rootCapture);
        rootCapture.stop();
    }

    private void add(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getFormattedMessage() == null ? "" : event.getFormattedMessage());
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc != null && !mdc.isEmpty()) {
            text.append(" MDC").append(mdc);
        }
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            text.append('\n').append(ThrowableProxyUtil.asString(thrown));
        }
        synchronized (lines) {
            if (lines.size() < MAX_LINES) {
                lines.add(new Line(event.getLevel().toString(), event.getLoggerName(), text.toString()));
            }
        }
    }

    /**
     * Captures every event it gets; when {@code relayTo} is set, also hands the events at or above {@code relayLevel}
     * to that logger's appenders (the root's), as the detached logger would have done itself.
     */
    private final class Capture extends AppenderBase<ILoggingEvent> {

        private final @Nullable Logger relayTo;
        private final Level relayLevel;

        Capture(@Nullable Logger relayTo, Level relayLevel) {
            this.relayTo = relayTo;
            this.relayLevel = relayLevel;
            setName("contract-kit-log-capture");
        }

        @Override
        protected void append(ILoggingEvent event) {
            add(event);
            if (relayTo != null && event.getLevel().isGreaterOrEqual(relayLevel)) {
                // the root's appenders include the root capture, which must not count this line twice
                relayTo.iteratorForAppenders().forEachRemaining(appender -> {
                    if (appender != rootCapture) {
                        appender.doAppend(event);
                    }
                });
            }
        }
    }
}
