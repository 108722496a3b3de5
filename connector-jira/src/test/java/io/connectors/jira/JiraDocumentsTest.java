package io.connectors.jira;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectors.api.source.SourceDocument;
import io.connectors.core.json.Json;
import io.connectors.jira.model.Attachment;
import io.connectors.jira.model.Comment;
import io.connectors.jira.model.Issue;
import io.connectors.jira.model.Project;
import io.connectors.jira.model.User;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/** Ids and change markers: the rules a resync relies on to skip unchanged documents. */
class JiraDocumentsTest {

    private static Issue issue(String fieldsJson) throws Exception {
        return new Issue("10042", "ACME-7", (ObjectNode) Json.mapper().readTree(fieldsJson.replace('\'', '"')));
    }

    @Test
    void issue_idIsTheIssueId_timestampIsUpdatedVerbatim_andFieldsAreMapped() throws Exception {
        JiraDocuments documents = new JiraDocuments(Flavor.CLOUD, "https://acme.atlassian.net/", Map.of("customfield_10010", "Story Points",
                "customfield_10020", "Team", "customfield_10030", "Notes", "customfield_10040", "Empty"));
        Issue issue = issue("""
                {'summary':'Login fails','updated':'2025-03-01T10:20:30.123+0100','created':'2025-02-01T08:00:00.000+0100',
                 'project':{'id':'100','key':'ACME','name':'Acme'},'status':{'name':'In Progress','statusCategory':{'name':'In Progress'}},
                 'issuetype':{'name':'Bug'},'priority':{'name':'High'},'labels':['auth','web'],
                 'assignee':{'accountId':'a-1','displayName':'Jane Doe'},'reporter':{'accountId':'a-2','displayName':'Bob'},
                 'description':{'type':'doc','version':1,'content':[{'type':'paragraph','content':[{'type':'text','text':'Cannot log in'}]}]},
                 'customfield_10010':5,'customfield_10020':{'value':'Blue','id':'1'},
                 'customfield_10030':{'type':'doc','version':1,'content':[{'type':'paragraph','content':[{'type':'text','text':'rich'}]}]},
                 'customfield_10040':null,'attachment':[{}]}""");
        Comment comment = new Comment("1", new User("a-1", null, null, "Jane Doe", null, null),
                Json.mapper().readTree("{\"type\":\"doc\",\"version\":1,\"content\":[{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"me too\"}]}]}"),
                "2025-03-01T10:00:00.000+0100", "2025-03-01T10:00:00.000+0100");

        SourceDocument document = documents.issue(issue, List.of(comment));

        assertThat(document.id()).isEqualTo("issue-10042");
        assertThat(document.timestamp()).isEqualTo("2025-03-01T10:20:30.123+0100");
        assertThat(document.fields()).containsEntry("type", "issue").containsEntry("key", "ACME-7")
                .containsEntry("title", "Login fails").containsEntry("description", "Cannot log in")
                .containsEntry("status", "In Progress").containsEntry("issue_type", "Bug").containsEntry("priority", "High")
                .containsEntry("labels", List.of("auth", "web")).containsEntry("assignee", "Jane Doe")
                .containsEntry("reporter", "Bob").containsEntry("project_key", "ACME").containsEntry("comment_count", 1)
                .containsEntry("url", "https://acme.atlassian.net/browse/ACME-7")
                .containsEntry("custom_fields", Map.of("Story Points", 5, "Team", "Blue", "Notes", "rich"));
        assertThat(document.fields().get("comments")).isEqualTo(List.of(Map.of("id", "1", "author", "Jane Doe",
                "created", "2025-03-01T10:00:00.000+0100", "updated", "2025-03-01T10:00:00.000+0100", "text", "me too")));
    }

    @Test
    void serverIssue_wikiMarkupIsCleaned() throws Exception {
        JiraDocuments documents = new JiraDocuments(Flavor.SERVER, "http://jira:8080/jira", Map.of());
        SourceDocument document = documents.issue(issue("{'summary':'s','updated':'u','description':'h1. Title\\n*bold*'}"), List.of());
        assertThat(document.fields()).containsEntry("description", "Title\nbold")
                .containsEntry("url", "http://jira:8080/jira/browse/ACME-7");
    }

    @Test
    void attachment_idIsTheAttachmentId_timestampIsCreatedVerbatim() throws Exception {
        JiraDocuments documents = new JiraDocuments(Flavor.CLOUD, "https://acme.atlassian.net", Map.of());
        Attachment attachment = new Attachment("555", "spec.pdf", 1234, "application/pdf", "2025-01-05T11:00:00.000+0000",
                null, "https://acme.atlassian.net/rest/api/3/attachment/content/555");
        io.connectors.api.source.Attachment content = new io.connectors.api.source.Attachment("spec.pdf", 1234,
                "application/pdf", Flux.empty());

        SourceDocument document = documents.attachment(attachment, issue("{'project':{'key':'ACME'}}"), content);

        assertThat(document.id()).isEqualTo("attachment-555");
        assertThat(document.timestamp()).isEqualTo("2025-01-05T11:00:00.000+0000");
        assertThat(document.attachment()).isSameAs(content);
        assertThat(document.fields()).containsEntry("issue_key", "ACME-7").containsEntry("issue_id", "10042")
                .containsEntry("filename", "spec.pdf").containsEntry("size", 1234L).containsEntry("type", "attachment");
    }

    @Test
    void project_idIsTheProjectId_timestampChangesOnlyWithContent() {
        JiraDocuments documents = new JiraDocuments(Flavor.CLOUD, "https://acme.atlassian.net", Map.of());
        Project project = new Project("100", "ACME", "Acme", "All things", new User(null, "jdoe", null, "Jane", null, null),
                "software", null, false, null);
        SourceDocument first = documents.project(project);
        SourceDocument same = documents.project(project);
        SourceDocument renamed = documents.project(new Project("100", "ACME", "Acme Corp", "All things", null, "software", null, false, null));

        assertThat(first.id()).isEqualTo("project-100");
        assertThat(first.timestamp()).isEqualTo(same.timestamp()).isNotEqualTo(renamed.timestamp());
        assertThat(first.fields()).containsEntry("lead", "Jane").containsEntry("key", "ACME").containsEntry("type", "project");
    }

    @Test
    void attachmentsCreatedBeforeTheWindow_areRecognised() {
        java.time.Instant window = java.time.Instant.parse("2025-03-01T10:00:00Z");
        assertThat(JiraDataSource.createdBefore("2025-03-01T10:59:00.000+0100", window)).isTrue();
        assertThat(JiraDataSource.createdBefore("2025-03-01T11:01:00.000+0100", window)).isFalse();
        assertThat(JiraDataSource.createdBefore("garbage", window)).isFalse();
    }
}
