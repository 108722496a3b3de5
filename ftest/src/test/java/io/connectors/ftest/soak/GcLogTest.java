package io.connectors.ftest.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.ftest.soak.Flatness.Sample;
import java.util.List;
import org.junit.jupiter.api.Test;

class GcLogTest {

    @Test
    void afterGc_unifiedLogPauseLine_givesUptimeAndHeapAfterInMiB() {
        assertThat(GcLog.afterGc("[12.345s] GC(7) Pause Young (Allocation Failure) 23M->7M(30M) 2.345ms"))
                .contains(new Sample(12.345, 7));
        assertThat(GcLog.afterGc("[600.001s] GC(90) Pause Full (System.gc()) 40M->2048K(64M) 30.1ms"))
                .contains(new Sample(600.001, 2));
    }

    @Test
    void afterGc_otherLines_areSkipped() {
        assertThat(GcLog.afterGc("[0.010s] Using Serial")).isEmpty();
        assertThat(GcLog.afterGc("")).isEmpty();
    }

    @Test
    void windowFloors_keepTheLowestValueOfEachWindow() {
        List<Sample> samples = List.of(new Sample(1, 30), new Sample(20, 12), new Sample(59, 25), new Sample(61, 40), new Sample(100, 14));

        assertThat(GcLog.windowFloors(samples, 60)).containsExactly(new Sample(20, 12), new Sample(100, 14));
    }
}
