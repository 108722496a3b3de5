package io.connectors.confluence;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A CQL query, built from parts whose values are quoted and escaped: a space key or label with a quote or backslash
 * in it stays one value, never more query. User-written CQL (advanced sync rules) enters through {@link #raw} and is
 * wrapped in parentheses when combined.
 */
record Cql(String text) {

    /** CQL's date-time literal: minute precision, read by Confluence in the user's time zone. */
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    static Cql raw(String cql) {
        return new Cql(cql.strip());
    }

    /** {@code "value"} with {@code \} and {@code "} escaped by a backslash, as CQL string literals want. */
    static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    static Cql space(String key) {
        return new Cql("space = " + quote(key));
    }

    static Cql spaces(List<String> keys) {
        return new Cql("space in (" + keys.stream().map(Cql::quote).collect(Collectors.joining(", ")) + ")");
    }

    /** {@code type in (page, blogpost, ...)}: the types are CQL keywords, not user input. */
    static Cql types(String... types) {
        return new Cql("type in (" + String.join(", ", types) + ")");
    }

    static Cql labels(List<String> labels) {
        return new Cql("label in (" + labels.stream().map(Cql::quote).collect(Collectors.joining(", ")) + ")");
    }

    static Cql modifiedSince(LocalDateTime since) {
        return new Cql("lastmodified >= " + quote(DATE_TIME.format(since)));
    }

    /** Both conditions; an {@code order by} of this query moves to the end, where CQL wants it. */
    Cql and(Cql other) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        int order = lower.lastIndexOf(" order by ");
        if (order >= 0) {
            return new Cql(text.substring(0, order)).and(other).orderBy(text.substring(order + " order by ".length()).strip());
        }
        return new Cql(group(this) + " and " + group(other));
    }

    Cql orderBy(String field) {
        return new Cql(text + " order by " + field);
    }

    private static String group(Cql cql) {
        String text = cql.text();
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        return lower.contains(" or ") || lower.startsWith("not ") || lower.contains(" not ") ? "(" + text + ")" : text;
    }

    @Override
    public String toString() {
        return text;
    }
}
