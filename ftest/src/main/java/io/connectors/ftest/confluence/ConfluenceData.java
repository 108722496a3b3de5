package io.connectors.ftest.confluence;

import io.connectors.ftest.jira.JiraData.AttachmentFile;
import io.connectors.ftest.jira.JiraData.Kind;
import io.connectors.ftest.jira.JiraData.User;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * What the mock Confluence holds, generated from a seed: spaces (one archived), pages and blog posts with real
 * storage-format bodies (headings, lists, tables, a code macro with CDATA, entities) carrying unique tokens
 * ({@code ptok<id>} in a paragraph, {@code codetok<id>} in the code macro), comments ({@code cmtok<id>}), attachments
 * (txt, pdf, docx, one corrupt, one oversized), archived and trashed pages, and one restricted page whose attachments
 * answer 403. Changed through the admin methods; thread-safe (every method synchronized).
 */
public final class ConfluenceData {

    public enum Status { CURRENT, ARCHIVED, TRASHED }

    public record Space(long id, String key, String name, String description, boolean archived) {}

    /** A page, blog post or comment ({@code containerId} set for comments). */
    public record Content(long id, String type, String spaceKey, String title, String storage, Status status,
                          @Nullable Long parentId, @Nullable Long containerId, List<String> labels, User author,
                          Instant created, Instant modified, int version, boolean restricted) {
        public String token() {
            return ("comment".equals(type) ? "cmtok" : "ptok") + id;
        }

        public String codeToken() {
            return "codetok" + id;
        }
    }

    /** An attachment on a page or blog post. */
    public record Attached(AttachmentFile file, long containerId, String spaceKey) {}

    static final List<User> USERS = List.of(
            new User("5b10a2844c20165700ede21g", "jane", "Jane Example", "jane@example.com"),
            new User("5b10ac8d82e05b22cc7d4ef5", "sam", "Sam Example", "sam@example.com"));
    private static final Instant EPOCH = Instant.parse("2026-01-05T08:00:00Z");

    private final int oversizedBytes;
    private final AtomicLong ids = new AtomicLong(100_000);
    private final List<Space> spaces = new ArrayList<>();
    private final Map<Long, Content> content = new LinkedHashMap<>();
    private final Map<Long, List<Attached>> attachments = new LinkedHashMap<>();

    private ConfluenceData(int oversizedBytes) {
        this.oversizedBytes = oversizedBytes;
    }

    /**
     * {@code pages} pages and blog posts (one in five a blog post) over {@code spaceCount} spaces, plus an archived
     * space with one page; about one page in three with comments, one in eight with an attachment.
     */
    public static ConfluenceData generate(long seed, int spaceCount, int pages, int oversizedBytes) {
        ConfluenceData data = new ConfluenceData(oversizedBytes);
        Random random = new Random(seed);
        for (int s = 0; s < spaceCount; s++) {
            data.spaces.add(new Space(1000 + s, "SP" + s, "Space " + s + " & friends", "Space " + s + " holds the ftest's pages", false));
        }
        data.spaces.add(new Space(1999, "OLD", "Archived space", "An archived space", true));
        Instant time = EPOCH;
        List<Long> roots = new ArrayList<>();
        Kind[] kinds = {Kind.TXT, Kind.PDF, Kind.DOCX};
        int attachmentCount = 0;
        for (int i = 0; i < pages; i++) {
            time = time.plusSeconds(37);
            String space = "SP" + (i % spaceCount);
            String type = i % 5 == 4 ? "blogpost" : "page";
            Long parent = "page".equals(type) && i >= spaceCount && random.nextInt(3) > 0 ? roots.get(i % spaceCount) : null;
            Status status = i == 7 ? Status.ARCHIVED : i == 11 ? Status.TRASHED : Status.CURRENT;
            Content page = data.put(type, space, (type.equals("page") ? "Page " : "Blog ") + i + " about topic " + random.nextInt(50),
                    status, parent, null, i % 4 == 0 ? List.of("ftest", "topic-" + (i % 7)) : List.of(), time, i == 5);
            if (i < spaceCount) {
                roots.add(page.id());
            }
            if (status != Status.CURRENT) {
                continue;
            }
            if (i % 3 == 1) {
                for (int c = 0; c < 1 + i % 3; c++) {
                    data.put("comment", space, "Re: " + page.title(), Status.CURRENT, null, page.id(), List.of(), time.plusSeconds(c + 1), false);
                }
            }
            boolean special = i == 9 || i == 13;
            if (i % 8 == 2 || special || i == 5) {
                Kind kind = i == 9 ? Kind.CORRUPT : i == 13 ? Kind.OVERSIZED : kinds[attachmentCount++ % kinds.length];
                data.attach(page, kind, time.plusSeconds(3));
            }
        }
        return data;
    }

    private Content put(String type, String space, String title, Status status, @Nullable Long parent, @Nullable Long container,
                        List<String> labels, Instant created, boolean restricted) {
        long id = ids.incrementAndGet();
        Content item = new Content(id, type, space, title, storage(type, id, title), status, parent, container, labels,
                USERS.get((int) (id % USERS.size())), created, created, 1, restricted);
        content.put(id, item);
        return item;
    }

    private void attach(Content page, Kind kind, Instant created) {
        long id = ids.incrementAndGet();
        String extension = switch (kind) {
            case TXT, OVERSIZED -> "txt";
            case PDF, CORRUPT -> "pdf";
            case DOCX -> "docx";
        };
        String mime = switch (extension) {
            case "pdf" -> "application/pdf";
            case "docx" -> "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
            default -> "text/plain";
        };
        AttachmentFile file = new AttachmentFile(Long.toString(id), "file-" + id + " notes." + extension, mime, kind, created,
                USERS.get(0), oversizedBytes);
        attachments.computeIfAbsent(page.id(), key -> new ArrayList<>()).add(new Attached(file, page.id(), page.spaceKey()));
    }

    /** A storage-format body: every construct the connector must turn into clean text, and the item's tokens. */
    static String storage(String type, long id, String title) {
        if ("comment".equals(type)) {
            return "<p>Comment cmtok" + id + " &amp; a reply&nbsp;here &lt;ok&gt;</p>";
        }
        return "<h1>" + title.replace("&", "&amp;") + "</h1>"
                + "<p>Intro ptok" + id + " &ndash; caf&eacute; &amp; cr&egrave;me &#169; <strong>bold</strong> <em>it</em></p>"
                + "<ul><li>first point</li><li>second <a href=\"https://example.com/x?a=1&amp;b=2\">link</a></li></ul>"
                + "<table><tbody><tr><th>Key</th><th>Value</th></tr><tr><td>row" + id + "</td><td>42</td></tr></tbody></table>"
                + "<ac:structured-macro ac:name=\"code\" ac:schema-version=\"1\" ac:macro-id=\"m" + id + "\">"
                + "<ac:parameter ac:name=\"language\">java</ac:parameter>"
                + "<ac:plain-text-body><![CDATA[String codetok" + id + " = a < b && c > d ? \"x\" : \"y\";]]></ac:plain-text-body>"
                + "</ac:structured-macro>"
                + "<ac:structured-macro ac:name=\"info\"><ac:rich-text-body><p>Note for readers</p></ac:rich-text-body></ac:structured-macro>"
                + "<p><ac:link><ri:page ri:content-title=\"Home\" /><ac:plain-text-link-body><![CDATA[home page]]></ac:plain-text-link-body></ac:link></p>";
    }

    // ---------------------------------------------------------------- reading

    public synchronized List<Space> spaces() {
        return List.copyOf(spaces);
    }

    public synchronized Optional<Space> space(String key) {
        return spaces.stream().filter(space -> space.key().equals(key)).findFirst();
    }

    public synchronized List<Content> content() {
        return List.copyOf(content.values());
    }

    public synchronized Optional<Content> content(long id) {
        return Optional.ofNullable(content.get(id));
    }

    public synchronized List<Attached> attachments(long containerId) {
        List<Attached> list = attachments.get(containerId);
        return list == null ? List.of() : List.copyOf(list);
    }

    public synchronized List<Attached> allAttachments() {
        List<Attached> all = new ArrayList<>();
        attachments.values().forEach(all::addAll);
        return all;
    }

    public synchronized Optional<Attached> attachment(String id) {
        return attachments.values().stream().flatMap(List::stream).filter(a -> a.file().id().equals(id)).findFirst();
    }

    // ---------------------------------------------------------------- admin

    /** A new page with a new version stamp, optionally with a text attachment. */
    public synchronized Content addPage(String space, String title, boolean attachment) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Content page = put("page", space, title, Status.CURRENT, null, null, List.of("added"), now, false);
        if (attachment) {
            attach(page, Kind.TXT, now);
        }
        return page;
    }

    /** Renames a page and prepends {@code paragraph} to its body: a new version, modified now. */
    public synchronized Content updatePage(long id, String title, String paragraph) {
        Content old = content.get(id);
        if (old == null) {
            throw new IllegalArgumentException("no content " + id);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant modified = now.isAfter(old.modified()) ? now : old.modified().plus(Duration.ofMillis(1));
        Content updated = new Content(id, old.type(), old.spaceKey(), title, "<p>" + paragraph + "</p>" + storage(old.type(), id, title),
                old.status(), old.parentId(), old.containerId(), old.labels(), old.author(), old.created(), modified,
                old.version() + 1, old.restricted());
        content.put(id, updated);
        return updated;
    }

    /** Adds a comment to a page. */
    public synchronized Content comment(long pageId) {
        Content page = content.get(pageId);
        if (page == null) {
            throw new IllegalArgumentException("no content " + pageId);
        }
        return put("comment", page.spaceKey(), "Re: " + page.title(), Status.CURRENT, null, pageId, List.of(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS), false);
    }

    /** Deletes (purges) a page with its comments and attachments. */
    public synchronized boolean delete(long id) {
        if (content.remove(id) == null) {
            return false;
        }
        content.values().removeIf(item -> item.containerId() != null && item.containerId() == id);
        attachments.remove(id);
        return true;
    }
}
