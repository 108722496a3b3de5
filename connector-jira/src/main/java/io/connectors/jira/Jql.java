package io.connectors.jira;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A JQL query, built without concatenating user values into query text: values are always quoted string literals
 * with {@code \} and {@code "} escaped, field names must be plain names or {@code cf[12345]}. A query written by a
 * user (an advanced sync rule) enters through {@link #raw} and is only ever wrapped in parentheses, its
 * {@code ORDER BY} kept last. Immutable.
 *
 * <pre>{@code
 * Jql.field("project").eq("ACME").and(Jql.field("updated").gte(since)).orderBy("created", "key")
 *   // project = "ACME" AND updated >= "2025/03/01 09:55" ORDER BY created ASC, key ASC
 * }</pre>
 */
final class Jql {

    /** JQL's date-time literal; Jira reads it in the time zone of the user making the request. */
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm", Locale.ROOT);

    private static final Pattern FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9_]*|cf\\[\\d+\\]");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,18}");
    private static final Pattern ORDER_BY = Pattern.compile("(?is)^(.*?)\\s*\\border\\s+by\\b(.*)$");

    private final String where;
    private final String orderBy;

    private Jql(String where, String orderBy) {
        this.where = where;
        this.orderBy = orderBy;
    }

    /** A user's query, used as written. Its ORDER BY clause (if any) stays at the end when clauses are added. */
    static Jql raw(String query) {
        String text = query.strip();
        Matcher matcher = ORDER_BY.matcher(text);
        if (matcher.matches() && !insideQuotes(text, matcher.start(2))) {
            return new Jql(matcher.group(1).strip(), matcher.group(2).strip());
        }
        return new Jql(text, "");
    }

    static Clause field(String name) {
        if (!FIELD.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a JQL field name");
        }
        return new Clause(name);
    }

    /** Both conditions; each side is parenthesised when it is not a single clause built here. */
    Jql and(Jql other) {
        if (where.isEmpty()) {
            return new Jql(other.where, orderBy.isEmpty() ? other.orderBy : orderBy);
        }
        if (other.where.isEmpty()) {
            return new Jql(where, orderBy.isEmpty() ? other.orderBy : orderBy);
        }
        return new Jql("(" + where + ") AND (" + other.where + ")", orderBy.isEmpty() ? other.orderBy : orderBy);
    }

    /** Orders ascending by {@code fields}, replacing any order. */
    Jql orderBy(String... fields) {
        List<String> terms = new ArrayList<>();
        for (String name : fields) {
            field(name);
            terms.add(name + " ASC");
        }
        return new Jql(where, String.join(", ", terms));
    }

    /** Whether this query has an ORDER BY clause. */
    boolean ordered() {
        return !orderBy.isEmpty();
    }

    /** A JQL string literal: {@code "..."} with backslash, quote and line breaks escaped. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    @Override
    public String toString() {
        if (orderBy.isEmpty()) {
            return where;
        }
        return where.isEmpty() ? "ORDER BY " + orderBy : where + " ORDER BY " + orderBy;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Jql jql && jql.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    private static boolean insideQuotes(String text, int index) {
        boolean inside = false;
        char quote = 0;
        for (int i = 0; i < index && i < text.length(); i++) {
            char c = text.charAt(i);
            if (inside && c == '\\') {
                i++;
            } else if (inside && c == quote) {
                inside = false;
            } else if (!inside && (c == '"' || c == '\'')) {
                inside = true;
                quote = c;
            }
        }
        return inside;
    }

    /** The left side of a clause: a field name waiting for its operator. */
    static final class Clause {
        private final String field;

        private Clause(String field) {
            this.field = field;
        }

        Jql eq(String value) {
            return new Jql(field + " = " + quote(Objects.requireNonNull(value, "value")), "");
        }

        Jql in(Collection<String> values) {
            if (values.isEmpty()) {
                throw new IllegalArgumentException("an IN clause needs at least one value");
            }
            return new Jql(field + " in (" + values.stream().map(Jql::quote).collect(Collectors.joining(", ")) + ")", "");
        }

        /**
         * {@code field in (10001, 10002)} for issue ids: numbers, written unquoted as Jira's own examples do; anything
         * that is not a plain number is refused, so nothing but digits reaches the query.
         */
        Jql inNumbers(Collection<String> numbers) {
            if (numbers.isEmpty()) {
                throw new IllegalArgumentException("an IN clause needs at least one value");
            }
            for (String number : numbers) {
                if (!NUMBER.matcher(number).matches()) {
                    throw new IllegalArgumentException("'" + number + "' is not a Jira issue id");
                }
            }
            return new Jql(field + " in (" + String.join(", ", numbers) + ")", "");
        }

        /** {@code field >= "yyyy/MM/dd HH:mm"}: the time is written as given, so convert it to the user's zone first. */
        Jql gte(LocalDateTime time) {
            return new Jql(field + " >= " + quote(DATE_TIME.format(time)), "");
        }

        Jql isNotEmpty() {
            return new Jql(field + " is not EMPTY", "");
        }
    }
}
