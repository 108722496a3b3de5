package io.connectors.qbusiness;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.api.sink.OriginalFile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DocumentMapperTest {

    private static Map<String, Object> issue() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", "issue-10001");
        doc.put("_timestamp", "2024-02-01T10:00:00.000+0000");
        doc.put("type", "issue");
        doc.put("title", "Login fails");
        doc.put("key", "ACME-1");
        doc.put("project_key", "ACME");
        doc.put("description", "Steps to reproduce");
        doc.put("status", "Open");
        doc.put("priority", "High");
        doc.put("assignee", "Example User");
        doc.put("reporter", "Reporter Example");
        doc.put("labels", List.of("auth", "ui"));
        doc.put("created", "2024-01-31T10:00:00.000+0000");
        doc.put("updated", "2024-02-01T10:00:00.000+0000");
        doc.put("url", "https://jira.example.com/browse/ACME-1");
        doc.put("comments", List.of(Map.of("author", "A", "text", "seen it too")));
        return doc;
    }

    @Test
    void map_jiraIssue_hasSeedAttributesAndPlainTextContent() {
        QDocument mapped = DocumentMapper.map(issue(), "issue-10001");

        assertThat(mapped.id()).isEqualTo("issue-10001");
        assertThat(mapped.title()).isEqualTo("Login fails");
        assertThat(mapped.contentType()).isEqualTo("PLAIN_TEXT");
        assertThat(new String(mapped.blob())).contains("ACME-1", "Login fails", "Steps to reproduce", "A: seen it too");
        assertThat(mapped.attributes()).contains(
                new QDocument.StringAttribute("_source_uri", "https://jira.example.com/browse/ACME-1"),
                new QDocument.DateAttribute("_created_at", Instant.parse("2024-01-31T10:00:00Z")),
                new QDocument.DateAttribute("_last_updated_at", Instant.parse("2024-02-01T10:00:00Z")),
                new QDocument.StringAttribute("_category", "issue"),
                new QDocument.StringListAttribute("_authors", List.of("Reporter Example")),
                new QDocument.StringAttribute("jira_issue_key", "ACME-1"),
                new QDocument.StringAttribute("jira_project", "ACME"),
                new QDocument.StringAttribute("jira_status", "Open"),
                new QDocument.StringAttribute("jira_priority", "High"),
                new QDocument.StringAttribute("jira_assignee", "Example User"),
                new QDocument.StringListAttribute("jira_labels", List.of("auth", "ui")));
    }

    /** A Confluence comment as connector-confluence writes it (docs/confluence.md). */
    private static Map<String, Object> confluenceComment() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", "comment-501");
        doc.put("type", "comment");
        doc.put("title", "Re: Onboarding");
        doc.put("space", "ENG");
        doc.put("space_name", "Engineering");
        doc.put("ancestor_ids", List.of("100"));
        doc.put("labels", List.of("howto", "team"));
        doc.put("author", "Author Example");
        doc.put("version", 3);
        doc.put("created_at", "2024-03-01T09:00:00.000Z");
        doc.put("updated_at", "2024-03-02T09:00:00.000+01:00");
        doc.put("url", "https://confluence.example.com/pages/viewpage.action?pageId=501");
        doc.put("container_id", "100");
        doc.put("container_type", "page");
        doc.put("body", "Looks good to me");
        return doc;
    }

    @Test
    void map_confluenceComment_hasSpaceLabelsContainerVersionAndDates_andNoJiraAttributes() {
        QDocument mapped = DocumentMapper.map(confluenceComment(), "comment-501");

        assertThat(mapped.title()).isEqualTo("Re: Onboarding");
        assertThat(new String(mapped.blob())).contains("Looks good to me");
        assertThat(mapped.attributes()).contains(
                new QDocument.StringAttribute("_category", "comment"),
                new QDocument.StringListAttribute("_authors", List.of("Author Example")),
                new QDocument.DateAttribute("_created_at", Instant.parse("2024-03-01T09:00:00Z")),
                new QDocument.DateAttribute("_last_updated_at", Instant.parse("2024-03-02T08:00:00Z")),
                new QDocument.StringAttribute("confluence_space", "ENG"),
                new QDocument.StringAttribute("confluence_space_name", "Engineering"),
                new QDocument.StringListAttribute("confluence_labels", List.of("howto", "team")),
                new QDocument.StringAttribute("confluence_container", "page-100"),
                new QDocument.LongAttribute("confluence_version", 3));
        assertThat(mapped.attributes()).noneMatch(attribute -> attribute.name().startsWith("jira_"));
    }

    @Test
    void map_jiraIssue_hasNoConfluenceAttributes() {
        assertThat(DocumentMapper.map(issue(), "issue-10001").attributes())
                .noneMatch(attribute -> attribute.name().startsWith("confluence_"));
    }

    @Test
    void map_confluenceSpaceWithoutLabelsOrContainer_hasOnlyItsSpace() {
        Map<String, Object> space = Map.of("id", "space-ENG", "type", "space", "title", "Engineering", "key", "ENG",
                "space", "ENG", "space_name", "Engineering", "space_type", "global", "url", "https://confluence.example.com/spaces/ENG");

        QDocument mapped = DocumentMapper.map(space, "space-ENG");

        assertThat(mapped.attributes()).extracting(QDocument.Attribute::name)
                .containsExactly("_source_uri", "_category", "confluence_space", "confluence_space_name");
    }

    @Test
    void map_longTitleAndValues_areCutToTheLimits() {
        Map<String, Object> doc = issue();
        doc.put("title", "t".repeat(5_000));
        doc.put("status", "s".repeat(5_000));

        QDocument mapped = DocumentMapper.map(doc, "issue-1");

        assertThat(mapped.title()).hasSize(DocumentMapper.MAX_TITLE_LENGTH);
        assertThat(mapped.attributes()).contains(new QDocument.StringAttribute("jira_status", "s".repeat(DocumentMapper.MAX_STRING_VALUE)));
    }

    @Test
    void documentId_overTheLimit_isDeterministicUniqueAndFits() {
        String longId = "x".repeat(3_000);
        String otherLongId = "x".repeat(2_999) + "y";

        String mapped = DocumentMapper.documentId(longId);

        assertThat(mapped).hasSizeLessThanOrEqualTo(DocumentMapper.MAX_ID_LENGTH).isEqualTo(DocumentMapper.documentId(longId))
                .isNotEqualTo(DocumentMapper.documentId(otherLongId));
        assertThat(DocumentMapper.documentId("issue-1")).isEqualTo("issue-1");
        assertThat(DocumentMapper.documentId("y".repeat(1_825))).hasSize(1_825);
    }

    @Test
    void checksum_sameDocument_isStable_andChangesWithContentOrAttributes() {
        String first = DocumentMapper.map(issue(), "issue-1").checksum();
        Map<String, Object> statusChanged = issue();
        statusChanged.put("status", "Done");
        Map<String, Object> textChanged = issue();
        textChanged.put("description", "other");
        Map<String, Object> onlyTimestampChanged = issue();
        onlyTimestampChanged.put("_timestamp", "2030-01-01T00:00:00Z");

        assertThat(DocumentMapper.map(issue(), "issue-1").checksum()).isEqualTo(first);
        assertThat(DocumentMapper.map(onlyTimestampChanged, "issue-1").checksum()).isEqualTo(first);
        assertThat(DocumentMapper.map(statusChanged, "issue-1").checksum()).isNotEqualTo(first);
        assertThat(DocumentMapper.map(textChanged, "issue-1").checksum()).isNotEqualTo(first);
    }

    @Test
    void withOriginal_keepsIdTitleAttributes_setsTheFilesTypeAndAChecksumOfTheFile() {
        QDocument text = DocumentMapper.map(issue(), "issue-10001");
        OriginalFile file = new OriginalFile("spec.pdf", "application/pdf", 3, Path.of("/tmp/attachment-1.tmp"));

        QDocument original = DocumentMapper.withOriginal(text, file, "PDF", "a".repeat(64));

        assertThat(original.id()).isEqualTo(text.id());
        assertThat(original.title()).isEqualTo(text.title());
        assertThat(original.attributes()).isEqualTo(text.attributes());
        assertThat(original.contentType()).isEqualTo("PDF");
        assertThat(original.original()).isEqualTo(file);
        assertThat(original.blob()).isEmpty();
        assertThat(original.contentBytes()).isEqualTo(3);
        // the same file again: the same checksum; another file with the same text, or the text alone: another one
        assertThat(DocumentMapper.withOriginal(text, file, "PDF", "a".repeat(64)).checksum()).isEqualTo(original.checksum());
        assertThat(DocumentMapper.withOriginal(text, file, "PDF", "b".repeat(64)).checksum()).isNotEqualTo(original.checksum());
        assertThat(original.checksum()).isNotEqualTo(text.checksum());
    }

    @Test
    void map_untitledDocumentWithoutUrl_fallsBackToIdAndOmitsSourceUri() {
        QDocument mapped = DocumentMapper.map(Map.of("id", "x-1", "url", "not a url"), "x-1");

        assertThat(mapped.title()).isEqualTo("x-1");
        assertThat(mapped.attributes()).noneMatch(a -> a.name().equals("_source_uri"));
    }

    @Test
    void kindOf_errorTypes_mapToRetryInvalidOrFatal() {
        assertThat(QBusinessException.kindOf(429, "ThrottlingException")).isEqualTo(QBusinessException.Kind.RETRYABLE);
        assertThat(QBusinessException.kindOf(500, "InternalServerException")).isEqualTo(QBusinessException.Kind.RETRYABLE);
        assertThat(QBusinessException.kindOf(400, "ValidationException")).isEqualTo(QBusinessException.Kind.INVALID);
        assertThat(QBusinessException.kindOf(403, "AccessDeniedException")).isEqualTo(QBusinessException.Kind.FATAL);
        assertThat(QBusinessException.kindOf(404, "ResourceNotFoundException")).isEqualTo(QBusinessException.Kind.FATAL);
        assertThat(QBusinessException.kindOf(402, "ServiceQuotaExceededException")).isEqualTo(QBusinessException.Kind.FATAL);
        assertThat(QBusinessException.kindOf(409, "ConflictException")).isEqualTo(QBusinessException.Kind.CONFLICT);
        assertThat(QBusinessException.kindOf(503, "Unknown")).isEqualTo(QBusinessException.Kind.RETRYABLE);
    }
}
