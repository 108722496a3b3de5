package io.connectors.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    private static final ProgressLine.Counts COUNTS = new ProgressLine.Counts(5_000, 1_000, 200, 3_800, 7, 1);

    @Test
    void terminal_withAnExpectedTotal_drawsABarWithThePercentage() {
        String line = ProgressLine.terminal("full sync", COUNTS, false, 10_000, Duration.ofSeconds(4), 0);

        assertThat(line).startsWith("[############............]  50% full sync: 5,000/10,000 seen | 1,000 new, 200 updated, "
                + "3,800 unchanged, 7 deleted, 1 failed | 1,250 docs/s | 00:04");
    }

    @Test
    void terminal_seenBeyondTheExpectedTotal_capsTheBarAtAHundredPercent() {
        String line = ProgressLine.terminal("full sync", COUNTS, false, 4_000, Duration.ofSeconds(1), 0);

        assertThat(line).startsWith("[########################] 100% full sync: 5,000/4,000 seen");
    }

    @Test
    void terminal_withoutATotal_spinsAndADryRunCountsOnlyWhatItKnows() {
        String first = ProgressLine.terminal("dry run", COUNTS, true, 0, Duration.ofMillis(500), 0);
        String second = ProgressLine.terminal("dry run", COUNTS, true, 0, Duration.ofMillis(1000), 1);

        assertThat(first).isEqualTo("| dry run: 5,000 seen | 3,800 unchanged | 10,000 docs/s | 00:00");
        assertThat(second).startsWith("/ dry run");
    }

    @Test
    void plain_isASentenceForLogs() {
        assertThat(ProgressLine.plain("full sync", COUNTS, false, 10_000, Duration.ofSeconds(3_725)))
                .isEqualTo("full sync: 5,000 of about 10,000 seen, 1,000 new, 200 updated, 3,800 unchanged, 7 deleted, 1 failed, "
                        + "1 docs/s, 1:02:05 elapsed");
    }
}
