package io.connectors.bench;

import io.connectors.api.source.Attachment;
import io.connectors.api.source.SourceDocument;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import reactor.core.publisher.Flux;

/**
 * The documents of every phase: {@code size} Jira-like issues of about 1.5 KB of JSON each, computed from (seed,
 * number, revision) alone. Nothing is held in memory (a million issues would be 1.5 GB), and every phase and every
 * JVM of a run sees the same documents. Every 10th issue ({@code number % 10 == 1}) has a text attachment.
 *
 * <p>The change log is arithmetic: change round {@code r} updates the issues whose number has a given residue modulo
 * 100 (1 %) and deletes those with a given residue modulo 200 (0.5 %); the residues of the rounds are disjoint, so an
 * issue changes at most once and the expected counts of each phase are exact.
 */
final class Corpus {

    /** One change round: issues with {@code number % 100 == changed} get a new revision, {@code number % 200 == deleted} go. */
    record Round(int changed, int deleted) {}

    static final List<Round> ROUNDS = List.of(new Round(7, 3), new Round(61, 53));

    private static final long BASE_SECONDS = Instant.parse("2025-01-01T00:00:00Z").getEpochSecond();
    private static final String[] WORDS = words();
    private static final String[] STATUSES = {"To Do", "In Progress", "In Review", "Done"};
    private static final String[] CATEGORIES = {"new", "indeterminate", "indeterminate", "done"};
    private static final String[] TYPES = {"Bug", "Task", "Story", "Epic", "Sub-task"};
    private static final String[] PRIORITIES = {"Highest", "High", "Medium", "Low", "Lowest"};
    private static final String[] LABELS = {"backend", "frontend", "docs", "security", "performance", "ux", "infra",
            "billing", "search", "mobile"};
    private static final String[] COMPONENTS = {"API", "Web", "Android", "iOS", "Sync", "Reporting"};
    private static final String[] TEAMS = {"Blue", "Green", "Red", "Orange"};
    private static final String[][] USERS = {
            {"Alice Example", "5b10a2844c20165700ede21g"}, {"Bob Builder", "5b10ac8d82e05b22cc7d4ef5"},
            {"Carol Tester", "5c7d1e2f3a4b5c6d7e8f9a0b"}, {"Dan Ops", "5d8e2f3a4b5c6d7e8f9a0b1c"},
            {"Erin Writer", "5e9f3a4b5c6d7e8f9a0b1c2d"}};
    private static final int PROJECTS = 10;

    private static final int POOL = 1024;

    private final int size;
    private final long seed;
    // Text is drawn from pools made once from the seed: generating a document then costs a few allocations, not a
    // StringBuilder per word, so the source stays cheap beside the engine it feeds (as a source that parses an HTTP
    // answer it already has would be).
    private final String[] summaries = new String[POOL];
    private final String[] paragraphs = new String[POOL];
    private final String[] remarks = new String[POOL];
    private final String[] attachmentTexts = new String[POOL / 4];

    Corpus(int size, long seed) {
        if (size < 1) {
            throw new IllegalArgumentException("a corpus needs at least one document, not " + size);
        }
        this.size = size;
        this.seed = seed;
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < POOL; i++) {
            summaries[i] = sentence(random, new StringBuilder(), 7 + random.nextInt(4)).toString();
            paragraphs[i] = sentence(random, new StringBuilder(), 30 + random.nextInt(10)).toString();
            remarks[i] = sentence(random, new StringBuilder(), 12 + random.nextInt(6)).toString();
        }
        for (int i = 0; i < attachmentTexts.length; i++) {
            attachmentTexts[i] = sentence(random, new StringBuilder(), 65 + random.nextInt(10)).toString();
        }
    }

    int size() {
        return size;
    }

    long seed() {
        return seed;
    }

    static String id(int number) {
        return "issue-" + number;
    }

    static boolean hasAttachment(int number) {
        return number % 10 == 1;
    }

    /** The revision of issue {@code number} once rounds {@code 1..round} were applied: 1, or 1 + the round that changed it. */
    static int revision(int number, int round) {
        for (int r = 1; r <= round; r++) {
            if (number % 100 == ROUNDS.get(r - 1).changed()) {
                return 1 + r;
            }
        }
        return 1;
    }

    static boolean deleted(int number, int round) {
        for (int r = 1; r <= round; r++) {
            if (number % 200 == ROUNDS.get(r - 1).deleted()) {
                return true;
            }
        }
        return false;
    }

    /** Issues that exist after rounds {@code 1..round}. */
    long liveCount(int round) {
        long deleted = 0;
        for (int r = 1; r <= round; r++) {
            deleted += deletedIn(r).count();
        }
        return size - deleted;
    }

    /** Issue numbers round {@code r} updates. */
    IntStream changedIn(int round) {
        return residues(ROUNDS.get(round - 1).changed(), 100);
    }

    /** Issue numbers round {@code r} deletes. */
    IntStream deletedIn(int round) {
        return residues(ROUNDS.get(round - 1).deleted(), 200);
    }

    private IntStream residues(int residue, int modulus) {
        return residue >= size ? IntStream.empty() : IntStream.iterate(residue, n -> n < size, n -> n + modulus);
    }

    /** Issues whose revision is {@code revision} after {@code round}, e.g. for a term query check. */
    long withRevision(int revision, int round) {
        if (revision == 1) {
            long changed = 0;
            for (int r = 1; r <= round; r++) {
                changed += changedIn(r).count();
            }
            return liveCount(round) - changed;
        }
        return revision - 1 <= round ? changedIn(revision - 1).count() : 0;
    }

    // ------------------------------------------------------------------ documents

    String timestamp(int number, int revision) {
        return iso(BASE_SECONDS + number * 37L + (revision - 1) * 86_400L);
    }

    /** {@code Instant.ofEpochSecond(seconds).toString()} for whole seconds, without the formatter's cost. */
    static String iso(long epochSeconds) {
        long days = Math.floorDiv(epochSeconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(epochSeconds, 86_400L);
        // days since 1970-01-01 to a civil date (H. Hinnant's algorithm)
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        char[] out = new char[20];
        digits(out, 0, (int) year, 4);
        out[4] = '-';
        digits(out, 5, month, 2);
        out[7] = '-';
        digits(out, 8, day, 2);
        out[10] = 'T';
        digits(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        digits(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        digits(out, 17, secondOfDay % 60, 2);
        out[19] = 'Z';
        return new String(out);
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = width - 1; i >= 0; i--) {
            out[at + i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The document as the source streams it, with a lazy attachment that counts its downloads. */
    SourceDocument document(int number, int revision, IntConsumer onDownload) {
        SourceDocument document = new SourceDocument(id(number), timestamp(number, revision), fields(number, revision), null);
        if (!hasAttachment(number)) {
            return document;
        }
        int length = attachmentText(number, revision).getBytes(StandardCharsets.UTF_8).length;
        Flux<ByteBuffer> content = Flux.defer(() -> {
            onDownload.accept(number);
            return Flux.just(ByteBuffer.wrap(attachmentText(number, revision).getBytes(StandardCharsets.UTF_8)));
        });
        return document.withAttachment(new Attachment(attachmentName(number), length, "text/plain", content));
    }

    /**
     * The document exactly as the engine writes it (fields, then {@code id} and {@code _timestamp}, then the
     * attachment's metadata and extracted {@code body}, as {@code SyncEngine} and {@code PlainTextExtractor} do): what the
     * raw-bulk phase sends. {@code Bench} compares both indices' sources to keep the two in step.
     */
    Map<String, Object> indexed(int number, int revision) {
        Map<String, Object> body = new LinkedHashMap<>(fields(number, revision));
        body.put("id", id(number));
        body.put("_timestamp", timestamp(number, revision));
        if (hasAttachment(number)) {
            byte[] text = attachmentText(number, revision).getBytes(StandardCharsets.UTF_8);
            body.put("filename", attachmentName(number));
            body.put("size", text.length);
            body.put("body", attachmentText(number, revision));
        }
        return body;
    }

    private static String attachmentName(int number) {
        return "notes-" + number + ".txt";
    }

    String attachmentText(int number, int revision) {
        SplittableRandom random = random(number, revision, 3);
        return "Attachment of " + id(number) + " revision " + revision + ":\n" + attachmentTexts[random.nextInt(attachmentTexts.length)];
    }

    Map<String, Object> fields(int number, int revision) {
        SplittableRandom random = random(number, revision, 1);
        // the stable part of an issue comes from its number alone, so a new revision changes words, not people
        SplittableRandom stable = random(number, 0, 2);
        int project = number % PROJECTS;
        String projectKey = "P" + project;
        String key = projectKey + "-" + (number / PROJECTS + 1);
        String[] assignee = USERS[stable.nextInt(USERS.length)];
        String[] reporter = USERS[stable.nextInt(USERS.length)];
        int status = random.nextInt(STATUSES.length);
        long created = BASE_SECONDS + number * 37L - 86_400L * (1 + stable.nextInt(30));
        String summary = summaries[random.nextInt(POOL)];

        Map<String, Object> fields = new LinkedHashMap<>(32);
        fields.put("type", "issue");
        fields.put("title", summary);
        fields.put("issue_id", Integer.toString(100_000 + number));
        fields.put("key", key);
        fields.put("project_key", projectKey);
        fields.put("project_name", "Project " + project);
        fields.put("summary", summary);
        fields.put("description", "Steps: " + paragraphs[random.nextInt(POOL)] + " " + paragraphs[random.nextInt(POOL)]);
        fields.put("status", STATUSES[status]);
        fields.put("status_category", CATEGORIES[status]);
        fields.put("issue_type", TYPES[stable.nextInt(TYPES.length)]);
        fields.put("priority", PRIORITIES[random.nextInt(PRIORITIES.length)]);
        fields.put("labels", List.of(LABELS[stable.nextInt(LABELS.length)], LABELS[random.nextInt(LABELS.length)]));
        fields.put("components", List.of(COMPONENTS[stable.nextInt(COMPONENTS.length)]));
        fields.put("assignee", assignee[0]);
        fields.put("assignee_id", assignee[1]);
        fields.put("reporter", reporter[0]);
        fields.put("reporter_id", reporter[1]);
        fields.put("created", iso(created));
        fields.put("updated", timestamp(number, revision));
        List<Map<String, Object>> comments = new ArrayList<>(2);
        for (int c = 0; c < 2; c++) {
            String[] author = USERS[random.nextInt(USERS.length)];
            Map<String, Object> comment = new LinkedHashMap<>(8);
            comment.put("id", Integer.toString(500_000 + number * 2 + c));
            comment.put("author", author[0]);
            String at = iso(created + 3_600L * (c + 1));
            comment.put("created", at);
            comment.put("updated", at);
            comment.put("text", remarks[random.nextInt(POOL)]);
            comments.add(comment);
        }
        fields.put("comments", comments);
        fields.put("comment_count", comments.size());
        Map<String, Object> custom = new LinkedHashMap<>(4);
        custom.put("Story Points", 1 + stable.nextInt(13));
        custom.put("Team", TEAMS[stable.nextInt(TEAMS.length)]);
        custom.put("Sprint", "Sprint " + (1 + number % 52));
        fields.put("custom_fields", custom);
        fields.put("revision", revision);
        fields.put("url", "https://jira.example.com/browse/" + key);
        return fields;
    }

    private SplittableRandom random(int number, int revision, int stream) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + number * 0xC2B2AE3D27D4EB4FL + revision * 0x165667B19E3779F9L + stream);
    }

    private static StringBuilder sentence(SplittableRandom random, StringBuilder out, int words) {
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                out.append(i % 12 == 11 ? ". " : " ");
            }
            out.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return out.append('.');
    }

    /** 256 pronounceable words: enough variety for realistic term dictionaries, deterministic. */
    private static String[] words() {
        String[] starts = {"b", "c", "d", "f", "g", "l", "m", "p", "r", "s", "t", "v", "br", "st", "tr", "pl"};
        String[] ends = {"ack", "ade", "ane", "ash", "ell", "ine", "ock", "ode", "ume", "ust", "ent", "ing", "ion", "ory", "ure", "ex"};
        String[] words = new String[starts.length * ends.length];
        int i = 0;
        for (String start : starts) {
            for (String end : ends) {
                words[i++] = start + end;
            }
        }
        return words;
    }
}
