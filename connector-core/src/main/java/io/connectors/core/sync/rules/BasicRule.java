package io.connectors.core.sync.rules;

import io.connectors.api.source.Filtering;
import io.connectors.api.source.SourceDocument;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * One of Elastic's basic sync rules, parsed: does a document's {@code field} match {@code rule} against
 * {@code value}, and does a match include or exclude it.
 *
 * <p>Elastic's semantics: a document without the field never matches; the rule value is read as the type of the
 * document's value (a number, a boolean, a date, else text); {@code regex} matches from the start of the value (as
 * Python's {@code re.match}), {@code starts_with}, {@code ends_with}, {@code contains} and {@code regex} compare the
 * value's text, {@code >} and {@code <} compare numbers as numbers, dates as instants and text lexicographically.
 * Beyond Elastic: a field name with dots reaches into nested objects when no field has the dotted name itself;
 * {@code id} and {@code _timestamp} name the document's id and change marker when the fields hold no such key; a
 * list value matches when one of its elements does.
 */
public record BasicRule(String id, int order, Policy policy, String field, Operator operator, String value,
                        @Nullable Pattern pattern) {

    /** Include or exclude. */
    public enum Policy {
        INCLUDE, EXCLUDE;

        static @Nullable Policy parse(String text) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "include" -> INCLUDE;
                case "exclude" -> EXCLUDE;
                default -> null;
            };
        }
    }

    /** Elastic's rule names: {@code equals}, {@code contains}, {@code starts_with}, {@code ends_with}, {@code regex}, {@code >}, {@code <}. */
    public enum Operator {
        EQUALS, CONTAINS, STARTS_WITH, ENDS_WITH, REGEX, GREATER_THAN, LESS_THAN;

        static @Nullable Operator parse(String text) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "equals" -> EQUALS;
                case "contains" -> CONTAINS;
                case "starts_with" -> STARTS_WITH;
                case "ends_with" -> ENDS_WITH;
                case "regex" -> REGEX;
                case ">" -> GREATER_THAN;
                case "<" -> LESS_THAN;
                default -> null;
            };
        }
    }

    /** The rule names Kibana writes, for messages. */
    public static final List<String> RULES = List.of("equals", "contains", "starts_with", "ends_with", "regex", ">", "<");

    /**
     * Parses a rule; throws {@link IllegalArgumentException} saying what is wrong (an unknown policy or rule, an
     * empty field, a regex that does not compile). {@link SyncRules#problems} reports the same problems per rule.
     */
    public static BasicRule parse(Filtering.BasicRule rule) {
        Policy policy = Policy.parse(rule.policy());
        if (policy == null) {
            throw new IllegalArgumentException("policy '" + rule.policy() + "' is unknown (expected include or exclude)");
        }
        Operator operator = Operator.parse(rule.rule());
        if (operator == null) {
            throw new IllegalArgumentException("rule '" + rule.rule() + "' is unknown (expected one of " + String.join(", ", RULES) + ")");
        }
        if (rule.field().isBlank()) {
            throw new IllegalArgumentException("field is empty");
        }
        Pattern pattern = null;
        if (operator == Operator.REGEX) {
            try {
                pattern = Pattern.compile(rule.value());
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("regex '" + rule.value() + "' does not compile: " + e.getDescription());
            }
        }
        return new BasicRule(rule.id(), rule.order(), policy, rule.field(), operator, rule.value(), pattern);
    }

    public boolean includes() {
        return policy == Policy.INCLUDE;
    }

    /** Whether this rule matches {@code document}. */
    public boolean matches(SourceDocument document) {
        Lookup found = lookup(document);
        return found.present() && matchesValue(found.value());
    }

    private boolean matchesValue(@Nullable Object documentValue) {
        if (documentValue == null) {
            return false;
        }
        if (documentValue instanceof List<?> list) {
            return list.stream().anyMatch(this::matchesValue);
        }
        String text = documentValue instanceof String s ? s : String.valueOf(documentValue);
        return switch (operator) {
            case STARTS_WITH -> text.startsWith(value);
            case ENDS_WITH -> text.endsWith(value);
            case CONTAINS -> text.contains(value);
            case REGEX -> Objects.requireNonNull(pattern).matcher(text).lookingAt();
            case EQUALS -> compare(documentValue, text) == 0;
            case GREATER_THAN -> {
                Integer c = compare(documentValue, text);
                yield c != null && c > 0;
            }
            case LESS_THAN -> {
                Integer c = compare(documentValue, text);
                yield c != null && c < 0;
            }
        };
    }

    /** The document's value compared with the rule's, read as the document value's type; null when they do not compare. */
    private @Nullable Integer compare(Object documentValue, String documentText) {
        if (documentValue instanceof Number number) {
            try {
                return new BigDecimal(number.toString()).compareTo(new BigDecimal(value.trim()));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (documentValue instanceof Boolean bool) {
            Boolean ruleValue = bool(value);
            return ruleValue == null ? null : Boolean.compare(bool, ruleValue);
        }
        if (documentValue instanceof TemporalAccessor temporal) {
            Instant documentInstant = instant(temporal);
            Instant ruleInstant = instant(value);
            return documentInstant == null || ruleInstant == null ? null : documentInstant.compareTo(ruleInstant);
        }
        return documentText.compareTo(value);
    }

    private static @Nullable Boolean bool(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "", "false", "f", "no", "n", "off" -> false;
            case "true", "t", "yes", "y", "on" -> true;
            default -> null;
        };
    }

    private static @Nullable Instant instant(TemporalAccessor temporal) {
        return switch (temporal) {
            case Instant i -> i;
            case OffsetDateTime o -> o.toInstant();
            case ZonedDateTime z -> z.toInstant();
            case LocalDate d -> d.atStartOfDay(ZoneOffset.UTC).toInstant();
            default -> null;
        };
    }

    private static @Nullable Instant instant(String text) {
        String t = text.trim();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private record Lookup(boolean present, @Nullable Object value) {}

    private Lookup lookup(SourceDocument document) {
        Map<String, Object> fields = document.fields();
        if (fields.containsKey(field)) {
            return new Lookup(true, fields.get(field));
        }
        if (field.indexOf('.') > 0) {
            Object current = fields;
            for (String part : field.split("\\.")) {
                if (!(current instanceof Map<?, ?> map) || !map.containsKey(part)) {
                    current = null;
                    break;
                }
                current = map.get(part);
            }
            if (current != null) {
                return new Lookup(true, current);
            }
        }
        return switch (field) {
            case "id", "_id" -> new Lookup(true, document.id());
            case "_timestamp" -> new Lookup(true, document.timestamp());
            default -> new Lookup(false, null);
        };
    }
}
