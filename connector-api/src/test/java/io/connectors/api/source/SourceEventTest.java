package io.connectors.api.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SourceEventTest {

    @Test
    void merge_refreshes_stayARefreshOfTheLaterType() {
        SourceEvent merged = SourceEvent.refresh("jira:issue_updated", "1", "P-1")
                .merge(SourceEvent.refresh("comment_created", "1", "P-1"));
        assertThat(merged.action()).isEqualTo(SourceEvent.Action.REFRESH);
        assertThat(merged.type()).isEqualTo("comment_created");
    }

    @Test
    void merge_withARemovalEitherWay_isARemovalWithEveryId() {
        SourceEvent removal = SourceEvent.remove("jira:issue_deleted", "1", "P-1", List.of("issue-1"));
        SourceEvent refresh = SourceEvent.refresh("jira:issue_updated", "1", "P-1").withRemovedIds(List.of("attachment-9"));
        assertThat(refresh.merge(removal).action()).isEqualTo(SourceEvent.Action.REMOVE);
        assertThat(removal.merge(refresh).action()).isEqualTo(SourceEvent.Action.REMOVE);
        assertThat(removal.merge(refresh).removedIds()).containsExactly("issue-1", "attachment-9");
    }

    @Test
    void create_actionWithoutSubject_isRefused() {
        assertThatThrownBy(() -> SourceEvent.refresh("x", "", "")).isInstanceOf(IllegalArgumentException.class);
        assertThat(SourceEvent.ignore("worklog_created").subject()).isEmpty();
    }
}
