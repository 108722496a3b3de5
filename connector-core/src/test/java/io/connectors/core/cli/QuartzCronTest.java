package io.connectors.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class QuartzCronTest {

    @Test
    void next_everyHour_isTheNextFullHourInUtc() {
        assertThat(QuartzCron.next("0 0 * * * ?", Instant.parse("2026-03-01T10:15:00Z")))
                .contains(Instant.parse("2026-03-01T11:00:00Z"));
    }

    @Test
    void next_aPastYear_neverFiresAgain() {
        assertThat(QuartzCron.next("0 0 0 1 1 ? 2020", Instant.parse("2026-03-01T10:15:00Z"))).isEmpty();
    }

    @Test
    void next_unixStyleFiveFields_isRefusedWithExamples() {
        assertThatThrownBy(() -> QuartzCron.next("0 * * * *", Instant.now()))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.problems()).singleElement().asString()
                        .contains("seconds minutes hours").contains("'0 0 * * * ?'"))
                .hasMessageStartingWith("invalid cron expression '0 * * * *'");
    }
}
