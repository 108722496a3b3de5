package io.connectors.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogCaptureTest {

    private static final String WATCHED = "io.connectors.testkit.contract.logcapturetest";

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> shown = new ListAppender<>();

    @BeforeEach
    void watchWhatTheRootShows() {
        shown.start();
        root.addAppender(shown);
    }

    @AfterEach
    void stopWatching() {
        root.detachAppender(shown);
    }

    @Test
    void lines_debugLineOfAWatchedLogger_isCapturedButNotShown() {
        try (LogCapture capture = LogCapture.start(List.of(WATCHED))) {
            LoggerFactory.getLogger(WATCHED + ".client").debug("calling with {}", "token-1");
            LoggerFactory.getLogger(WATCHED).info("synced");
            LoggerFactory.getLogger("io.other").info("elsewhere");

            assertThat(capture.lines()).extracting(LogCapture.Line::text)
                    .containsExactly("calling with token-1", "synced", "elsewhere");
        }
        assertThat(shown.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("synced", "elsewhere");
    }

    @Test
    void lines_exceptionAndMdc_areInTheText() {
        try (LogCapture capture = LogCapture.start(List.of(WATCHED))) {
            org.slf4j.MDC.put("job.id", "job-7");
            try {
                LoggerFactory.getLogger(WATCHED).warn("failed", new IllegalStateException("refused token-2"));
            } finally {
                org.slf4j.MDC.remove("job.id");
            }

            assertThat(capture.lines()).singleElement().satisfies(line -> {
                assertThat(line.level()).isEqualTo("WARN");
                assertThat(line.text()).contains("failed", "job.id=job-7", "IllegalStateException: refused token-2");
            });
        }
    }

    @Test
    void close_watchedLogger_getsItsLevelAndAdditivityBack() {
        Logger watched = context.getLogger(WATCHED);
        watched.setLevel(Level.WARN);
        try {
            LogCapture capture = LogCapture.start(List.of(WATCHED));
            assertThat(watched.getLevel()).isEqualTo(Level.DEBUG);
            assertThat(watched.isAdditive()).isFalse();

            capture.close();

            assertThat(watched.getLevel()).isEqualTo(Level.WARN);
            assertThat(watched.isAdditive()).isTrue();
            assertThat(watched.iteratorForAppenders().hasNext()).isFalse();
        } finally {
            watched.setLevel(null);
        }
    }
}
