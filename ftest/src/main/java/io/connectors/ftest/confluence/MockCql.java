package io.connectors.ftest.confluence;

import io.connectors.ftest.confluence.ConfluenceData.Content;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of CQL the mock understands: clauses joined by {@code and} (parentheses around a clause group allowed),
 * {@code space}, {@code type}, {@code label} with {@code =} or {@code in (...)}, {@code id =}, {@code title ~},
 * {@code lastmodified}/{@code created} with {@code >=, >, <=, <} and a {@code "yyyy-MM-dd[ HH:mm]"} date (read in
 * UTC, the mock user's zone), and a trailing {@code order by} (ignored: results come in creation order). Anything else
 * is a {@link IllegalArgumentException}, answered 400 as Confluence does.
 */
final class MockCql {

    private static final Pattern CLAUSE = Pattern.compile(
            "(?i)(space|type|label|id|title|lastmodified|created)\\s*(=|!=|~|>=|<=|>|<|in|not in)\\s*(.+)");
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter MINUTES_SLASH = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm");

    private MockCql() {}

    /** A predicate over content (attachments are matched through {@link Item}). */
    static Predicate<Item> parse(String cql) {
        String text = cql.strip();
        Matcher order = Pattern.compile("(?i)\\s+order\\s+by\\s+.*$").matcher(text);
        if (order.find()) {
            text = text.substring(0, order.start()).strip();
        }
        Predicate<Item> all = item -> true;
        for (String part : splitAnd(text)) {
            all = all.and(clause(part));
        }
        return all;
    }

    /** What a clause is evaluated on: a page, blog post, comment or attachment, flattened. */
    record Item(long id, String type, String spaceKey, String title, List<String> labels, Instant created, Instant modified) {
        static Item of(Content content) {
            return new Item(content.id(), content.type(), content.spaceKey(), content.title(), content.labels(), content.created(),
                    content.modified());
        }

        static Item of(ConfluenceData.Attached attached) {
            return new Item(Long.parseLong(attached.file().id()), "attachment", attached.spaceKey(), attached.file().filename(),
                    List.of(), attached.file().created(), attached.file().created());
        }
    }

    private static List<String> splitAnd(String text) {
        String body = text;
        while (body.startsWith("(") && body.endsWith(")") && balanced(body.substring(1, body.length() - 1))) {
            body = body.substring(1, body.length() - 1).strip();
        }
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\') {
                i++;
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && body.regionMatches(true, i, " and ", 0, 5)) {
                parts.add(body.substring(start, i).strip());
                start = i + 5;
                i += 4;
            } else if (!quoted && depth == 0 && body.regionMatches(true, i, " or ", 0, 4)) {
                throw new IllegalArgumentException("Could not parse cql : " + text + " (the mock does not support OR)");
            }
        }
        if (quoted || depth != 0) {
            throw new IllegalArgumentException("Could not parse cql : " + text);
        }
        parts.add(body.substring(start).strip());
        List<String> flat = new ArrayList<>();
        for (String part : parts) {
            if (part.startsWith("(") && part.endsWith(")") && balanced(part.substring(1, part.length() - 1))) {
                flat.addAll(splitAnd(part));
            } else {
                flat.add(part);
            }
        }
        return flat;
    }

    private static boolean balanced(String text) {
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && --depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }

    private static Predicate<Item> clause(String clause) {
        Matcher m = CLAUSE.matcher(clause);
        if (!m.matches()) {
            throw new IllegalArgumentException("Could not parse cql : " + clause);
        }
        String field = m.group(1).toLowerCase(Locale.ROOT);
        String op = m.group(2).toLowerCase(Locale.ROOT);
        List<String> values = values(m.group(3).strip(), op.endsWith("in"));
        Predicate<Item> test = switch (field) {
            case "space" -> item -> values.contains(item.spaceKey());
            case "type" -> item -> values.contains(item.type());
            case "label" -> item -> item.labels().stream().anyMatch(values::contains);
            case "id" -> item -> values.contains(Long.toString(item.id()));
            case "title" -> item -> item.title().toLowerCase(Locale.ROOT).contains(values.getFirst().toLowerCase(Locale.ROOT));
            default -> {
                Instant when = date(values.getFirst());
                boolean modified = field.equals("lastmodified");
                yield switch (op) {
                    case ">=" -> item -> !(modified ? item.modified() : item.created()).isBefore(when);
                    case ">" -> item -> (modified ? item.modified() : item.created()).isAfter(when);
                    case "<=" -> item -> !(modified ? item.modified() : item.created()).isAfter(when);
                    case "<" -> item -> (modified ? item.modified() : item.created()).isBefore(when);
                    default -> throw new IllegalArgumentException("Could not parse cql : " + clause);
                };
            }
        };
        return op.startsWith("not") || op.equals("!=") ? test.negate() : test;
    }

    private static List<String> values(String text, boolean list) {
        if (!list) {
            return List.of(unquote(text));
        }
        if (!text.startsWith("(") || !text.endsWith(")")) {
            throw new IllegalArgumentException("Could not parse cql : expected a list in parentheses, got " + text);
        }
        List<String> values = new ArrayList<>();
        for (String value : text.substring(1, text.length() - 1).split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
            values.add(unquote(value.strip()));
        }
        return values;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        if (value.contains(" ") || value.contains("\"")) {
            throw new IllegalArgumentException("Could not parse cql : unquoted value " + value);
        }
        return value;
    }

    private static Instant date(String text) {
        for (DateTimeFormatter format : List.of(MINUTES, MINUTES_SLASH)) {
            try {
                return LocalDateTime.parse(text, format).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException next) {
                // try the next format
            }
        }
        try {
            return java.time.LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException unreadable) {
            throw new IllegalArgumentException("Could not parse cql : unreadable date '" + text + "'");
        }
    }
}
