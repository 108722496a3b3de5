package io.connectors.ftest.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.ftest.soak.Flatness.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class FlatnessTest {

    /** One sample every 15 s for 10 minutes. */
    private static List<Sample> series(IntToDoubleFunction value) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            samples.add(new Sample(i * 15.0, value.applyAsDouble(i)));
        }
        return samples;
    }

    @Test
    void judge_noisyButLevelSeries_isFlat() {
        Flatness.Verdict verdict = Flatness.judge("VmRSS", "MiB", series(i -> 200 + (i % 4) * 10), 60, 0.15, 24);

        assertThat(verdict.flat()).as(verdict.reason()).isTrue();
        assertThat(verdict.peak()).isEqualTo(230);
    }

    @Test
    void judge_steadyGrowth_isNotFlat() {
        // a leak of 2 MiB per sample: 8 MiB a minute
        Flatness.Verdict verdict = Flatness.judge("VmRSS", "MiB", series(i -> 200 + 2.0 * i), 60, 0.15, 24);

        assertThat(verdict.flat()).isFalse();
        assertThat(verdict.growth()).isGreaterThan(verdict.allowed());
        assertThat(verdict.reason()).contains("median of the first third").contains("allowed +32.9");
    }

    @Test
    void judge_highWarmUpThenLevel_isFlat_theWarmUpIsLeftOut() {
        Flatness.Verdict verdict = Flatness.judge("fds", "fds", series(i -> i < 4 ? 20 : 120), 60, 0.10, 16);

        assertThat(verdict.flat()).as(verdict.reason()).isTrue();
        assertThat(verdict.first()).isEqualTo(120);
    }

    @Test
    void judge_oneSpikeAtTheEnd_isFlat_mediansIgnoreIt() {
        Flatness.Verdict verdict = Flatness.judge("heap", "MiB", series(i -> i == 39 ? 90 : 30), 60, 0.25, 8);

        assertThat(verdict.flat()).as(verdict.reason()).isTrue();
    }

    @Test
    void judge_tooFewSamples_isNotFlat_andSaysWhy() {
        Flatness.Verdict verdict = Flatness.judge("VmRSS", "MiB", series(i -> 200).subList(0, 8), 60, 0.15, 24);

        assertThat(verdict.flat()).isFalse();
        assertThat(verdict.reason()).contains("too few");
    }
}
