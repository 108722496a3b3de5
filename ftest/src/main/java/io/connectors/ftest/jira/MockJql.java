package io.connectors.ftest.jira;

import io.connectors.ftest.jira.JiraData.Issue;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The JQL the mock understands: clauses on project, key/issuekey/id, labels, status, type/issuetype, priority,
 * assignee, reporter, summary/description/text (with {@code ~}), created and updated (dates in the user's time zone,
 * {@code yyyy/MM/dd HH:mm}, {@code yyyy-MM-dd HH:mm}, {@code yyyy/MM/dd}, {@code yyyy-MM-dd}); operators
 * {@code = != > >= < <= ~ !~ in, not in, is [not] empty}; {@code AND}, {@code OR}, {@code NOT}, parentheses; and
 * {@code ORDER BY} on created, updated, key, id. Errors carry Jira's wording, answered as 400.
 */
final class MockJql {

    /** A query the mock refuses, with the message Jira would give. */
    static final class JqlException extends RuntimeException {
        JqlException(String message) {
            super(message);
        }
    }

    record Query(Predicate<Issue> filter, Comparator<Issue> order, boolean bounded) {}

    private final List<String> tokens;
    private final JiraData data;
    private final ZoneId zone;
    private int position;

    private MockJql(List<String> tokens, JiraData data, ZoneId zone) {
        this.tokens = tokens;
        this.data = data;
        this.zone = zone;
    }

    static Query parse(String jql, JiraData data, ZoneId zone) {
        MockJql parser = new MockJql(tokenize(jql), data, zone);
        Predicate<Issue> filter = issue -> true;
        boolean bounded = false;
        if (!parser.atEnd() && !parser.peekIs("order")) {
            filter = parser.or();
            bounded = true;
        }
        Comparator<Issue> order = Comparator.comparingLong(Issue::id);
        if (parser.peekIs("order")) {
            parser.next();
            parser.expect("by");
            order = parser.orderBy();
        }
        if (!parser.atEnd()) {
            throw new JqlException("Error in the JQL Query: Expecting either 'OR' or 'AND' but got '" + parser.peek() + "'.");
        }
        return new Query(filter, order, bounded);
    }

    private Predicate<Issue> or() {
        Predicate<Issue> left = and();
        while (peekIs("or")) {
            next();
            left = left.or(and());
        }
        return left;
    }

    private Predicate<Issue> and() {
        Predicate<Issue> left = not();
        while (peekIs("and")) {
            next();
            left = left.and(not());
        }
        return left;
    }

    private Predicate<Issue> not() {
        if (peekIs("not")) {
            next();
            return not().negate();
        }
        if (peekIs("(")) {
            next();
            Predicate<Issue> inner = or();
            expect(")");
            return inner;
        }
        return clause();
    }

    private Predicate<Issue> clause() {
        String field = next().toLowerCase(Locale.ROOT);
        if (peekIs("is")) {
            next();
            boolean negated = peekIs("not");
            if (negated) {
                next();
            }
            String empty = next().toLowerCase(Locale.ROOT);
            if (!empty.equals("empty") && !empty.equals("null")) {
                throw new JqlException("Error in the JQL Query: Expecting 'EMPTY' but got '" + empty + "'.");
            }
            Predicate<Issue> isEmpty = issue -> values(field, issue).isEmpty();
            return negated ? isEmpty.negate() : isEmpty;
        }
        String operator = next().toLowerCase(Locale.ROOT);
        if (operator.equals("not") && peekIs("in")) {
            next();
            return in(field).negate();
        }
        if (operator.equals("in")) {
            return in(field);
        }
        String value = value();
        return switch (field) {
            case "created", "updated" -> {
                Instant at = date(value);
                yield issue -> {
                    Instant actual = field.equals("created") ? issue.created() : issue.updated();
                    int compared = actual.compareTo(at);
                    return switch (operator) {
                        case "=" -> compared == 0;
                        case "!=" -> compared != 0;
                        case ">" -> compared > 0;
                        case ">=" -> compared >= 0;
                        case "<" -> compared < 0;
                        case "<=" -> compared <= 0;
                        default -> throw unsupported(operator, field);
                    };
                };
            }
            default -> {
                checkValue(field, value);
                yield switch (operator) {
                    case "=" -> issue -> matches(field, issue, value);
                    case "!=" -> issue -> !matches(field, issue, value);
                    case "~" -> issue -> values(field, issue).stream()
                            .anyMatch(text -> text.toLowerCase(Locale.ROOT).contains(value.toLowerCase(Locale.ROOT)));
                    case "!~" -> issue -> values(field, issue).stream()
                            .noneMatch(text -> text.toLowerCase(Locale.ROOT).contains(value.toLowerCase(Locale.ROOT)));
                    default -> throw unsupported(operator, field);
                };
            }
        };
    }

    private Predicate<Issue> in(String field) {
        expect("(");
        List<String> values = new ArrayList<>();
        while (!peekIs(")")) {
            String value = value();
            checkValue(field, value);
            values.add(value);
            if (peekIs(",")) {
                next();
            }
        }
        expect(")");
        return issue -> values.stream().anyMatch(value -> matches(field, issue, value));
    }

    private Comparator<Issue> orderBy() {
        Comparator<Issue> order = null;
        do {
            if (order != null) {
                next(); // ,
            }
            String field = next().toLowerCase(Locale.ROOT);
            Comparator<Issue> one = switch (field) {
                case "created" -> Comparator.comparing(Issue::created);
                case "updated" -> Comparator.comparing(Issue::updated);
                case "key", "issuekey" -> Comparator.comparing(Issue::projectKey)
                        .thenComparingInt(issue -> Integer.parseInt(issue.key().substring(issue.key().indexOf('-') + 1)));
                case "id" -> Comparator.comparingLong(Issue::id);
                case "priority", "status", "summary" -> Comparator.comparing(issue -> values(field, issue).getFirst());
                default -> throw new JqlException("Not able to sort using field '" + field + "'.");
            };
            if (peekIs("desc")) {
                next();
                one = one.reversed();
            } else if (peekIs("asc")) {
                next();
            }
            order = order == null ? one : order.thenComparing(one);
        } while (peekIs(","));
        return order.thenComparingLong(Issue::id);
    }

    private void checkValue(String field, String value) {
        if (field.equals("project") && data.project(value).isEmpty()) {
            throw new JqlException("The value '" + value + "' does not exist for the field 'project'.");
        }
        // as Jira: naming an issue that does not exist (deleted, or never there) is an error, not an empty match
        if ((field.equals("id") || field.equals("key") || field.equals("issuekey")) && data.issue(value).isEmpty()) {
            throw new JqlException("An issue with key '" + value + "' does not exist for field '" + field + "'.");
        }
        values(field, null);
    }

    private boolean matches(String field, Issue issue, String value) {
        if (field.equals("project")) {
            return data.project(value).map(project -> project.key().equals(issue.projectKey())).orElse(false);
        }
        return values(field, issue).stream().anyMatch(actual -> actual.equalsIgnoreCase(value));
    }

    /** The values of {@code field} of {@code issue}; with a null issue, only checks that the field exists. */
    private static List<String> values(String field, Issue issue) {
        return switch (field) {
            case "project" -> issue == null ? List.of() : List.of(issue.projectKey());
            case "key", "issuekey" -> issue == null ? List.of() : List.of(issue.key());
            case "id" -> issue == null ? List.of() : List.of(issue.idText());
            case "labels" -> issue == null ? List.of() : issue.labels();
            case "status" -> issue == null ? List.of() : List.of(issue.status());
            case "type", "issuetype" -> issue == null ? List.of() : List.of(issue.type());
            case "priority" -> issue == null ? List.of() : List.of(issue.priority());
            case "assignee" -> issue == null ? List.of() : List.of(issue.assignee().name(), issue.assignee().accountId());
            case "reporter" -> issue == null ? List.of() : List.of(issue.reporter().name(), issue.reporter().accountId());
            case "summary" -> issue == null ? List.of() : List.of(issue.summary());
            case "description" -> issue == null ? List.of() : List.of(issue.description());
            case "text" -> issue == null ? List.of() : List.of(issue.summary(), issue.description());
            case "created", "updated" -> issue == null ? List.of() : List.of("x");
            default -> throw new JqlException("Field '" + field + "' does not exist or you do not have permission to view it.");
        };
    }

    private Instant date(String value) {
        for (String pattern : List.of("yyyy/MM/dd HH:mm", "yyyy-MM-dd HH:mm")) {
            try {
                return LocalDateTime.parse(value, DateTimeFormatter.ofPattern(pattern)).atZone(zone).toInstant();
            } catch (DateTimeParseException next) {
                // try the next format
            }
        }
        for (String pattern : List.of("yyyy/MM/dd", "yyyy-MM-dd")) {
            try {
                return LocalDate.parse(value, DateTimeFormatter.ofPattern(pattern)).atStartOfDay(zone).toInstant();
            } catch (DateTimeParseException next) {
                // try the next format
            }
        }
        throw new JqlException("Date value '" + value + "' for field 'updated' is invalid. Valid formats include: "
                + "'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.");
    }

    private static JqlException unsupported(String operator, String field) {
        return new JqlException("The operator '" + operator + "' is not supported by the '" + field + "' field.");
    }

    private String value() {
        String token = next();
        if (token.startsWith("\u0000")) {
            return token.substring(1);
        }
        return token;
    }

    private void expect(String token) {
        String actual = next();
        if (!actual.equalsIgnoreCase(token)) {
            throw new JqlException("Error in the JQL Query: Expecting '" + token + "' but got '" + actual + "'.");
        }
    }

    private boolean atEnd() {
        return position >= tokens.size();
    }

    private String peek() {
        return atEnd() ? "" : tokens.get(position);
    }

    private boolean peekIs(String token) {
        return !atEnd() && tokens.get(position).equalsIgnoreCase(token);
    }

    private String next() {
        if (atEnd()) {
            throw new JqlException("Error in the JQL Query: The query ended unexpectedly.");
        }
        return tokens.get(position++);
    }

    /** Words, operators and punctuation; a quoted string becomes one token marked with a leading NUL. */
    private static List<String> tokenize(String jql) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < jql.length()) {
            char c = jql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"' || c == '\'') {
                StringBuilder value = new StringBuilder();
                i++;
                while (i < jql.length() && jql.charAt(i) != c) {
                    if (jql.charAt(i) == '\\' && i + 1 < jql.length()) {
                        char escaped = jql.charAt(++i);
                        value.append(switch (escaped) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            case 'r' -> '\r';
                            default -> escaped;
                        });
                    } else {
                        value.append(jql.charAt(i));
                    }
                    i++;
                }
                if (i >= jql.length()) {
                    throw new JqlException("Error in the JQL Query: The quoted string has not been completed.");
                }
                i++;
                tokens.add("\u0000" + value);
            } else if ("(),".indexOf(c) >= 0) {
                tokens.add(String.valueOf(c));
                i++;
            } else if ("=!<>~".indexOf(c) >= 0) {
                int start = i;
                while (i < jql.length() && "=!<>~".indexOf(jql.charAt(i)) >= 0) {
                    i++;
                }
                tokens.add(jql.substring(start, i));
            } else {
                int start = i;
                while (i < jql.length() && !Character.isWhitespace(jql.charAt(i)) && "(),=!<>~\"'".indexOf(jql.charAt(i)) < 0) {
                    i++;
                }
                tokens.add(jql.substring(start, i));
            }
        }
        return tokens;
    }
}
