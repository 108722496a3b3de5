package io.connectors.api.config;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * A rule a configuration value must obey: an entry of the {@code validations} list of Elastic's
 * connector document. Rules are only checked on a value that is set and on a field whose
 * {@linkplain ConfigField#dependsOn() dependencies} hold.
 *
 * <table>
 *   <caption>Rule types</caption>
 *   <tr><th>{@code type}</th><th>{@code constraint}</th><th>fields</th><th>the value must</th></tr>
 *   <tr><td>{@code less_than}</td><td>a finite number</td><td>int</td><td>be strictly lower</td></tr>
 *   <tr><td>{@code greater_than}</td><td>a finite number</td><td>int</td><td>be strictly greater</td></tr>
 *   <tr><td>{@code included_in}</td><td>a non-empty list</td><td>any</td>
 *       <td>be one of the list (every entry, for a list field); compared as text, so 10 matches "10"</td></tr>
 *   <tr><td>{@code regex}</td><td>a Java regex</td><td>str, list</td>
 *       <td>match it entirely (every entry, for a list field)</td></tr>
 *   <tr><td>{@code list_type}</td><td>{@code "int"} or {@code "str"}</td><td>list</td>
 *       <td>only hold entries of that type</td></tr>
 * </table>
 *
 * <p>The constructor rejects an unknown type or a constraint of the wrong shape, and
 * {@link ConfigField} rejects a rule that does not apply to its type, so a bad rule fails when the
 * schema is declared rather than when a user configures the source.
 *
 * @param type the rule's wire name, e.g. {@code "less_than"}
 * @param constraint the rule's argument, as in the table; immutable
 */
public record Validation(String type, Object constraint) {

    private static final String LESS_THAN = "less_than";
    private static final String GREATER_THAN = "greater_than";
    private static final String INCLUDED_IN = "included_in";
    private static final String REGEX = "regex";
    private static final String LIST_TYPE = "list_type";

    /** @throws IllegalArgumentException if the type is unknown or the constraint does not fit it */
    public Validation {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(constraint, "constraint");
        switch (type) {
            case LESS_THAN, GREATER_THAN -> {
                if (!(constraint instanceof Number number) || !isFinite(number)) {
                    throw new IllegalArgumentException(type + " needs a finite number, got " + constraint);
                }
            }
            case INCLUDED_IN -> {
                if (!(constraint instanceof List<?> list) || list.isEmpty()) {
                    throw new IllegalArgumentException(INCLUDED_IN + " needs a non-empty list, got " + constraint);
                }
                constraint = List.copyOf(list); // also rejects null entries
            }
            case REGEX -> {
                if (!(constraint instanceof String regex)) {
                    throw new IllegalArgumentException(REGEX + " needs a regex text, got " + constraint);
                }
                try {
                    Pattern.compile(regex);
                } catch (PatternSyntaxException bad) {
                    throw new IllegalArgumentException("Invalid regex " + regex + ": " + bad.getDescription(), bad);
                }
            }
            case LIST_TYPE -> {
                if (!"int".equals(constraint) && !"str".equals(constraint)) {
                    throw new IllegalArgumentException(LIST_TYPE + " needs \"int\" or \"str\", got " + constraint);
                }
            }
            default -> throw new IllegalArgumentException("Unknown validation type '" + type + "'");
        }
    }

    /** The value must be strictly lower than {@code bound}. For int fields. */
    public static Validation lessThan(int bound) {
        return new Validation(LESS_THAN, bound);
    }

    /** The value must be strictly greater than {@code bound}. For int fields. */
    public static Validation greaterThan(int bound) {
        return new Validation(GREATER_THAN, bound);
    }

    /** The value, or every entry of a list value, must be one of {@code allowed}. */
    public static Validation includedIn(List<?> allowed) {
        return new Validation(INCLUDED_IN, allowed);
    }

    /** The value, or every entry of a list value, must entirely match the Java regex {@code regex}. */
    public static Validation regex(String regex) {
        return new Validation(REGEX, regex);
    }

    /** Every entry of a list value must be of {@code elementType}: {@code "int"} or {@code "str"}. */
    public static Validation listType(String elementType) {
        return new Validation(LIST_TYPE, elementType);
    }

    /** Whether this rule can be checked on values of {@code fieldType}. */
    boolean appliesTo(FieldType fieldType) {
        return switch (type) {
            case LESS_THAN, GREATER_THAN -> fieldType == FieldType.INT;
            case REGEX -> fieldType == FieldType.STR || fieldType == FieldType.LIST;
            case LIST_TYPE -> fieldType == FieldType.LIST;
            default -> true;
        };
    }

    /** What the rule demands, as the end of a sentence about the field: {@code "must be less than 10"}. */
    String describe(FieldType fieldType) {
        boolean list = fieldType == FieldType.LIST;
        return switch (type) {
            case LESS_THAN -> "must be less than " + FieldType.text(constraint);
            case GREATER_THAN -> "must be greater than " + FieldType.text(constraint);
            case INCLUDED_IN -> (list ? "must only contain values from " : "must be one of ") + allowedText();
            case REGEX -> (list ? "must only contain values matching regex " : "must match regex ") + constraint;
            case LIST_TYPE -> "must be a list of " + ("int".equals(constraint) ? "integers" : "strings");
            default -> throw new IllegalStateException(type);
        };
    }

    /**
     * What breaks this rule in a normalized value of {@code fieldType}: the value itself, or the
     * first offending entry of a list; null when the rule holds.
     */
    @Nullable Object violation(Object value, FieldType fieldType) {
        if (value instanceof List<?> entries) {
            for (Object entry : entries) {
                if (!holds(entry)) {
                    return entry;
                }
            }
            return null;
        }
        return holds(value) ? null : value;
    }

    private boolean holds(Object value) {
        return switch (type) {
            case LESS_THAN -> decimal(value).compareTo(decimal(constraint)) < 0;
            case GREATER_THAN -> decimal(value).compareTo(decimal(constraint)) > 0;
            case INCLUDED_IN -> ((List<?>) constraint).stream()
                    .anyMatch(allowed -> FieldType.text(allowed).equals(FieldType.text(value)));
            case REGEX -> Pattern.compile((String) constraint).matcher(FieldType.text(value)).matches();
            case LIST_TYPE -> "str".equals(constraint) || isInteger(value);
            default -> throw new IllegalStateException(type);
        };
    }

    private String allowedText() {
        return ((List<?>) constraint).stream().map(FieldType::text).toList().toString();
    }

    private static boolean isInteger(Object value) {
        try {
            FieldType.INT.normalize(value);
            return true;
        } catch (IllegalArgumentException notAnInteger) {
            return false;
        }
    }

    private static boolean isFinite(Number number) {
        return !(number instanceof Double d && !Double.isFinite(d)) && !(number instanceof Float f && !Float.isFinite(f));
    }

    private static BigDecimal decimal(Object number) {
        return new BigDecimal(FieldType.text(number));
    }
}
