package io.connectors.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectors.api.source.SourceEvent;
import io.connectors.api.source.SourceEvent.Action;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Bodies in the shape Jira Cloud and Data Center post (trimmed to what matters). */
class JiraEventsTest {

    private static SourceEvent read(String json) {
        return JiraEvents.read(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String issueEvent(String type) {
        return """
                {"timestamp":1733200000000,"webhookEvent":"%s","issue_event_type_name":"issue_generic",
                 "user":{"accountId":"5b10a2844c20165700ede21g"},
                 "issue":{"id":"10042","key":"P1-7","fields":{"summary":"Login fails",
                   "attachment":[{"id":"30001","filename":"a.txt"},{"id":"30002","filename":"b.pdf"}]}},
                 "changelog":{"id":"1","items":[{"field":"summary"}]}}
                """.formatted(type);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jira:issue_created", "jira:issue_updated"})
    void read_issueCreatedOrUpdated_refreshesTheIssueById(String type) {
        SourceEvent event = read(issueEvent(type));
        assertThat(event.action()).isEqualTo(Action.REFRESH);
        assertThat(event.subject()).isEqualTo("10042");
        assertThat(event.label()).isEqualTo("P1-7");
        assertThat(event.type()).isEqualTo(type);
        assertThat(event.removedIds()).isEmpty();
    }

    @Test
    void read_issueDeleted_removesTheIssueAndItsAttachments() {
        SourceEvent event = read(issueEvent("jira:issue_deleted"));
        assertThat(event.action()).isEqualTo(Action.REMOVE);
        assertThat(event.subject()).isEqualTo("10042");
        assertThat(event.removedIds()).containsExactly("issue-10042", "attachment-30001", "attachment-30002");
    }

    @ParameterizedTest
    @ValueSource(strings = {"comment_created", "comment_updated", "comment_deleted"})
    void read_commentEvents_refreshTheirIssue(String type) {
        SourceEvent event = read("""
                {"timestamp":1733200000000,"webhookEvent":"%s","comment":{"id":"20001","body":"x"},
                 "issue":{"id":"10042","key":"P1-7","fields":{"summary":"Login fails"}}}
                """.formatted(type));
        assertThat(event.action()).isEqualTo(Action.REFRESH);
        assertThat(event.subject()).isEqualTo("10042");
    }

    @Test
    void read_attachmentCreatedWithoutIssue_isIgnored() {
        SourceEvent event = read("""
                {"timestamp":1733200000000,"webhookEvent":"attachment_created","attachment":{"id":"30003","filename":"c.txt"}}
                """);
        assertThat(event.action()).isEqualTo(Action.IGNORE);
    }

    @Test
    void read_attachmentCreatedWithIssue_refreshesIt() {
        SourceEvent event = read("""
                {"webhookEvent":"attachment_created","attachment":{"id":"30003"},"issue":{"id":"10042","key":"P1-7"}}
                """);
        assertThat(event.action()).isEqualTo(Action.REFRESH);
        assertThat(event.subject()).isEqualTo("10042");
    }

    @Test
    void read_attachmentDeleted_removesTheAttachmentDocument() {
        SourceEvent alone = read("""
                {"webhookEvent":"attachment_deleted","attachment":{"id":"30003"}}
                """);
        assertThat(alone.action()).isEqualTo(Action.REMOVE);
        assertThat(alone.removedIds()).containsExactly("attachment-30003");
        SourceEvent withIssue = read("""
                {"webhookEvent":"attachment_deleted","attachment":{"id":30003},"issue":{"id":10042,"key":"P1-7"}}
                """);
        assertThat(withIssue.action()).isEqualTo(Action.REFRESH);
        assertThat(withIssue.subject()).isEqualTo("10042");
        assertThat(withIssue.removedIds()).containsExactly("attachment-30003");
    }

    @ParameterizedTest
    @ValueSource(strings = {"worklog_created", "project_created", "jira:version_released", "sprint_started", "user_created"})
    void read_otherEvents_areIgnored(String type) {
        assertThat(read("{\"webhookEvent\":\"" + type + "\",\"timestamp\":1}").action()).isEqualTo(Action.IGNORE);
    }

    @Test
    void read_notAJiraWebhook_isRefusedWithTheReason() {
        assertThatThrownBy(() -> read("not json")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> read("{\"event\":\"x\"}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("webhookEvent");
        assertThatThrownBy(() -> read("{\"webhookEvent\":\"jira:issue_updated\"}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("issue.id");
        assertThatThrownBy(() -> read("{\"webhookEvent\":\"jira:issue_updated\",\"issue\":{\"id\":\"1 OR 1=1\"}}"))
                .as("ids end up in JQL: only digits").isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a Jira id");
    }
}
