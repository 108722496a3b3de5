package io.connectors.ftest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FtestReportTest {

    @Test
    void anyFailedCheck_failsTheReport_andIsListedFirst() {
        FtestReport report = new FtestReport("ftest jira cloud small");
        assertThat(report.passed()).as("no checks: not a pass").isFalse();
        report.expectEqual("1. full", "documents in the index", 605, 605L);
        assertThat(report.passed()).isTrue();
        report.expectEqual("3. full", "job deleted_document_count", 9, 8);
        assertThat(report.passed()).isFalse();
        assertThat(report.failures()).singleElement().satisfies(check -> {
            assertThat(check.phase()).isEqualTo("3. full");
            assertThat(check.detail()).isEqualTo("expected 9, found 8");
        });
        report.fact("daemon peak RSS", "200 MiB");
        report.phase(new FtestReport.Phase("1. full", "full", "job1", 8.6, 10.1, 605, 0, 605, 1, 70.3, "written", 213, 3, 0, 0,
                199 * 1024, "full sync completed in 8.1 s"));
        String markdown = report.markdown();
        assertThat(markdown).startsWith("# ftest jira cloud small\n\n**Result: FAILED** (1 of 2 checks passed)")
                .contains("## Failures\n- 3. full: job deleted_document_count: expected 9, found 8")
                .contains("| daemon peak RSS | 200 MiB |")
                .contains("| 1. full | full job1 | 8.6 | 10.1 | 605 | 0 | 605 | 1 | 70 (written) | 213 | 3 | 0 | 0 | 199 |")
                .contains("- [x] 1. full: documents in the index: = 605")
                .contains("- [ ] 3. full: job deleted_document_count: expected 9, found 8");
    }
}
