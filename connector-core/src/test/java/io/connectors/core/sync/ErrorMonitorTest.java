package io.connectors.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorMonitorTest {

    @Test
    void failure_pastMaxTotalErrors_stops() {
        ErrorMonitor monitor = new ErrorMonitor(new ErrorMonitorSettings(true, 2, 100, 1.0, 100, 10));
        assertThat(monitor.failure("a")).isEmpty();
        monitor.success();
        assertThat(monitor.failure("b")).isEmpty();
        assertThat(monitor.failure("c")).hasValueSatisfying(reason -> assertThat(reason).contains("max_total_errors"));
        assertThat(monitor.firstErrors()).containsExactly("a", "b", "c");
    }

    @Test
    void failure_pastMaxConsecutiveErrors_stops_butASuccessResetsTheRun() {
        ErrorMonitor monitor = new ErrorMonitor(new ErrorMonitorSettings(true, 100, 2, 1.0, 100, 10));
        monitor.failure("a");
        monitor.failure("b");
        monitor.success();
        assertThat(monitor.failure("c")).isEmpty();
        assertThat(monitor.failure("d")).isEmpty();
        assertThat(monitor.failure("e")).hasValueSatisfying(reason -> assertThat(reason).contains("max_consecutive_errors"));
    }

    @Test
    void failure_rateOverAFullWindow_stops() {
        ErrorMonitor monitor = new ErrorMonitor(new ErrorMonitorSettings(true, 100, 100, 0.2, 10, 2));
        for (int i = 0; i < 8; i++) {
            monitor.success();
        }
        assertThat(monitor.failure("a")).isEmpty();
        assertThat(monitor.failure("b")).isEmpty(); // 2 of 10 = 0.2, not above
        assertThat(monitor.failure("c")).hasValueSatisfying(reason -> assertThat(reason).contains("max_error_rate"));
        assertThat(monitor.firstErrors()).hasSize(2);
    }

    @Test
    void failure_whenDisabled_neverStops() {
        ErrorMonitor monitor = new ErrorMonitor(new ErrorMonitorSettings(false, 0, 0, 0, 1, 1));
        assertThat(monitor.failure("a")).isEmpty();
        assertThat(monitor.total()).isEqualTo(1);
    }
}
