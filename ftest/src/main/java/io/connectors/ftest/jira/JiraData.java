package io.connectors.ftest.jira;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The content of a {@link MockJira}: projects, issues, comments and attachments, generated deterministically from a
 * seed and changed through the admin endpoints. Every issue carries unique tokens a test can search for:
 * {@code dtok<issue id>} in its description, {@code ctok<comment id>} in each comment, {@code atok<attachment id>}
 * in each extractable attachment. Thread-safe (every method synchronizes on the store).
 */
public final class JiraData {

    /** The attachment kinds the generator cycles through (corrupt and oversized appear once each). */
    public enum Kind { TXT, PDF, DOCX, CORRUPT, OVERSIZED }

    public record User(String accountId, String name, String displayName, String email) {}

    public record Project(String id, String key, String name, String description, User lead) {}

    public record Comment(String id, User author, String text, Instant created, Instant updated) {}

    public record AttachmentFile(String id, String filename, String mimeType, Kind kind, Instant created, User author,
                                 int oversizedBytes) {
        public String token() {
            return "atok" + id;
        }

        public byte[] bytes() {
            return switch (kind) {
                case TXT -> AttachmentFiles.text(token());
                case PDF -> AttachmentFiles.pdf(token());
                case DOCX -> AttachmentFiles.docx(token());
                case CORRUPT -> AttachmentFiles.corrupt(Long.parseLong(id));
                case OVERSIZED -> AttachmentFiles.oversized(token(), oversizedBytes);
            };
        }

        public long size() {
            return kind == Kind.OVERSIZED ? oversizedBytes : bytes().length;
        }
    }

    public record Issue(long id, String key, String projectKey, String summary, String description, List<String> labels,
                        String status, String type, String priority, User assignee, User reporter, Instant created,
                        Instant updated, List<Comment> comments, double storyPoints, String team, String notes,
                        List<AttachmentFile> attachments) {
        public Issue {
            labels = List.copyOf(labels);
            comments = List.copyOf(comments);
            attachments = List.copyOf(attachments);
        }

        public String idText() {
            return Long.toString(id);
        }

        public String descriptionToken() {
            return "dtok" + id;
        }
    }

    static final List<User> USERS = List.of(
            new User("5b10a2844c20165700ede21g", "alice", "Alice Example", "alice@example.com"),
            new User("5b10ac8d82e05b22cc7d4ef5", "bob", "Bob Builder", "bob@example.com"),
            new User("5c7d1e2f3a4b5c6d7e8f9a0b", "carol", "Carol Tester", "carol@example.com"));
    private static final List<String> STATUSES = List.of("To Do", "In Progress", "Done");
    private static final List<String> TYPES = List.of("Bug", "Task", "Story");
    private static final List<String> PRIORITIES = List.of("Highest", "High", "Medium", "Low");
    private static final List<String> LABELS = List.of("backend", "frontend", "docs", "security", "performance");
    private static final List<String> TEAMS = List.of("Blue", "Green", "Red");
    private static final List<String> WORDS = List.of("login", "cache", "timeout", "render", "upload", "search",
            "export", "billing", "report", "sync", "token", "invoice", "schema", "index", "widget");
    private static final Instant BASE = Instant.parse("2024-01-01T00:00:00Z");

    private final Map<String, Project> projects = new TreeMap<>();
    private final TreeMap<Long, Issue> issues = new TreeMap<>();
    /** Attachment id to attachment, kept with {@link #issues}: a download is a lookup, not a scan (large data sets). */
    private final Map<String, AttachmentFile> attachments = new HashMap<>();
    private final Map<String, Integer> nextNumber = new TreeMap<>();
    private final AtomicLong nextIssueId = new AtomicLong(10_000);
    private final AtomicLong nextCommentId = new AtomicLong(20_000);
    private final AtomicLong nextAttachmentId = new AtomicLong(30_000);
    private final int oversizedBytes;
    private final Random random;
    private Instant lastUpdate = BASE;
    /** Grows with every change of the projects or issues: what a search found stays valid while it does not. */
    private long version;

    private JiraData(long seed, int oversizedBytes) {
        this.random = new Random(seed);
        this.oversizedBytes = oversizedBytes;
    }

    /**
     * {@code projectCount} projects ({@code P1}, {@code P2}, ...) sharing {@code issueCount} issues round-robin.
     * Every 5th issue has an attachment (txt, pdf, docx in turn; the 7th issue's is corrupt, the 11th's is
     * {@code oversizedBytes} long); the 3rd issue has 45 comments, more than search embeds.
     */
    public static JiraData generate(long seed, int projectCount, int issueCount, int oversizedBytes) {
        JiraData data = new JiraData(seed, oversizedBytes);
        for (int p = 1; p <= projectCount; p++) {
            String key = "P" + p;
            data.projects.put(key, new Project(Integer.toString(10_000 + p), key, "Project " + p,
                    "The " + data.words(3) + " project", USERS.get(p % USERS.size())));
            data.nextNumber.put(key, 1);
        }
        for (int i = 1; i <= issueCount; i++) {
            String projectKey = "P" + (1 + (i - 1) % projectCount);
            Instant created = BASE.plus(i * 10L, ChronoUnit.MINUTES);
            Instant updated = created.plus(data.random.nextInt(5 * 24 * 60), ChronoUnit.MINUTES);
            int comments = i == 3 ? 45 : data.random.nextInt(4);
            List<AttachmentFile> attachments = new ArrayList<>();
            if (i % 5 == 0 || i == 7 || i == 11) {
                Kind kind = i == 7 ? Kind.CORRUPT : i == 11 ? Kind.OVERSIZED : Kind.values()[(i / 5) % 3];
                attachments.add(data.attachment(kind, created.plus(1, ChronoUnit.MINUTES)));
            }
            data.put(data.newIssue(projectKey, "Issue " + i + ": " + data.words(4), data.words(12), created, updated,
                    comments, attachments, null));
        }
        return data;
    }

    public synchronized List<Project> projects() {
        return List.copyOf(projects.values());
    }

    /** Deletes a project and its issues, as an administrator deleting it in Jira would. */
    public synchronized void removeProject(String key) {
        version++;
        projects.values().removeIf(project -> project.key().equals(key));
        issues.values().removeIf(issue -> issue.projectKey().equals(key));
    }

    public synchronized Optional<Project> project(String keyOrId) {
        return projects.values().stream()
                .filter(project -> project.key().equalsIgnoreCase(keyOrId) || project.id().equals(keyOrId)).findFirst();
    }

    /** The version of the data: it changes with every project or issue added, changed or removed. */
    public synchronized long version() {
        return version;
    }

    public synchronized List<Issue> issues() {
        return List.copyOf(issues.values());
    }

    public synchronized Optional<Issue> issue(String idOrKey) {
        if (idOrKey.chars().allMatch(Character::isDigit)) {
            return Optional.ofNullable(issues.get(Long.parseLong(idOrKey)));
        }
        return issues.values().stream().filter(issue -> issue.key().equalsIgnoreCase(idOrKey)).findFirst();
    }

    public synchronized Optional<AttachmentFile> attachment(String id) {
        return Optional.ofNullable(attachments.get(id));
    }

    public synchronized int attachmentCount() {
        return attachments.size();
    }

    public synchronized int commentCount() {
        return issues.values().stream().mapToInt(issue -> issue.comments().size()).sum();
    }

    /** Adds an issue updated now, with one comment and optionally a text attachment. */
    public synchronized Issue add(String projectKey, String summary, @Nullable String description, List<String> labels,
                                  boolean withAttachment) {
        if (!projects.containsKey(projectKey)) {
            throw new IllegalArgumentException("No project could be found with key '" + projectKey + "'.");
        }
        Instant now = tick();
        List<AttachmentFile> attachments = withAttachment ? List.of(attachment(Kind.TXT, now)) : List.of();
        Issue issue = newIssue(projectKey, summary, description == null ? words(8) : description, now, now, 1,
                attachments, labels);
        put(issue);
        return issue;
    }

    /** Changes the given fields, appends a comment when given, and moves {@code updated} to now. */
    public synchronized Issue update(String idOrKey, @Nullable String summary, @Nullable String description,
                                     @Nullable List<String> labels, @Nullable String comment) {
        Issue old = issue(idOrKey).orElseThrow(() -> new IllegalArgumentException("Issue does not exist or you do not have permission to see it."));
        Instant now = tick();
        List<Comment> comments = new ArrayList<>(old.comments());
        if (comment != null) {
            comments.add(new Comment(Long.toString(nextCommentId.getAndIncrement()), USERS.get(0), comment, now, now));
        }
        Issue updated = new Issue(old.id(), old.key(), old.projectKey(), summary == null ? old.summary() : summary,
                description == null ? old.description() : description, labels == null ? old.labels() : labels,
                old.status(), old.type(), old.priority(), old.assignee(), old.reporter(), old.created(), now, comments,
                old.storyPoints(), old.team(), old.notes(), old.attachments());
        put(updated);
        return updated;
    }

    /** Adds a text attachment created now, and moves the issue's {@code updated} to now (as Jira does). */
    public synchronized Issue attach(String idOrKey) {
        Issue old = issue(idOrKey).orElseThrow(() -> new IllegalArgumentException("Issue does not exist or you do not have permission to see it."));
        Instant now = tick();
        List<AttachmentFile> attachments = new ArrayList<>(old.attachments());
        attachments.add(attachment(Kind.TXT, now));
        Issue updated = new Issue(old.id(), old.key(), old.projectKey(), old.summary(), old.description(), old.labels(),
                old.status(), old.type(), old.priority(), old.assignee(), old.reporter(), old.created(), now, old.comments(),
                old.storyPoints(), old.team(), old.notes(), attachments);
        put(updated);
        return updated;
    }

    public synchronized boolean delete(String idOrKey) {
        Optional<Issue> issue = issue(idOrKey);
        issue.ifPresent(found -> {
            version++;
            issues.remove(found.id());
            found.attachments().forEach(attachment -> attachments.remove(attachment.id()));
        });
        return issue.isPresent();
    }

    private void put(Issue issue) {
        version++;
        Issue old = issues.put(issue.id(), issue);
        if (old != null) {
            old.attachments().forEach(attachment -> attachments.remove(attachment.id()));
        }
        issue.attachments().forEach(attachment -> attachments.put(attachment.id(), attachment));
    }

    /** A strictly increasing "now", at millisecond precision as Jira's timestamps. */
    private Instant tick() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        lastUpdate = now.isAfter(lastUpdate) ? now : lastUpdate.plusMillis(1);
        return lastUpdate;
    }

    private Issue newIssue(String projectKey, String summary, String text, Instant created, Instant updated,
                           int commentCount, List<AttachmentFile> attachments, @Nullable List<String> labels) {
        long id = nextIssueId.getAndIncrement();
        int number = nextNumber.merge(projectKey, 1, Integer::sum) - 1;
        List<Comment> comments = new ArrayList<>();
        for (int c = 0; c < commentCount; c++) {
            String commentId = Long.toString(nextCommentId.getAndIncrement());
            Instant at = created.plus(c + 1L, ChronoUnit.MINUTES);
            comments.add(new Comment(commentId, USERS.get(c % USERS.size()), "Comment ctok" + commentId + " about " + words(5),
                    at.isAfter(updated) ? updated : at, at.isAfter(updated) ? updated : at));
        }
        List<String> issueLabels = labels != null ? labels
                : List.of(LABELS.get(random.nextInt(LABELS.size())), LABELS.get(random.nextInt(LABELS.size()))).stream().distinct().toList();
        return new Issue(id, projectKey + "-" + number, projectKey, summary,
                "Description dtok" + id + " " + text, issueLabels,
                STATUSES.get(random.nextInt(STATUSES.size())), TYPES.get(random.nextInt(TYPES.size())),
                PRIORITIES.get(random.nextInt(PRIORITIES.size())), USERS.get(random.nextInt(USERS.size())),
                USERS.get(random.nextInt(USERS.size())), created, updated, comments, 1 + random.nextInt(13),
                TEAMS.get(random.nextInt(TEAMS.size())), "Notes " + words(3), attachments);
    }

    private AttachmentFile attachment(Kind kind, Instant created) {
        String id = Long.toString(nextAttachmentId.getAndIncrement());
        return switch (kind) {
            case TXT -> new AttachmentFile(id, "notes-" + id + ".txt", "text/plain", kind, created, USERS.get(0), oversizedBytes);
            case PDF -> new AttachmentFile(id, "spec " + id + ".pdf", "application/pdf", kind, created, USERS.get(1), oversizedBytes);
            case DOCX -> new AttachmentFile(id, "report-" + id + ".docx",
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", kind, created, USERS.get(2), oversizedBytes);
            case CORRUPT -> new AttachmentFile(id, "broken-" + id + ".pdf", "application/pdf", kind, created, USERS.get(0), oversizedBytes);
            case OVERSIZED -> new AttachmentFile(id, "huge-" + id + ".log", "text/plain", kind, created, USERS.get(1), oversizedBytes);
        };
    }

    private String words(int count) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            words.add(WORDS.get(random.nextInt(WORDS.size())));
        }
        return String.join(" ", words).toLowerCase(Locale.ROOT);
    }

    static Collection<User> users() {
        return USERS;
    }
}
