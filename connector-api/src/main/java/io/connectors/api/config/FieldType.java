package io.connectors.api.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The value type of a configuration field: the {@code type} of an entry in Elastic's connector
 * {@code configuration} document.
 *
 * <p>Each type also knows how to read the loose values Elastic and Kibana store (see
 * {@link ConfigSchema#resolve}) into one Java representation, which is what
 * {@link SourceConfiguration} hands out:
 * <ul>
 *   <li>{@link #STR}: {@link String}, taken as is (not trimmed: secrets may hold spaces);
 *       numbers and booleans are turned into their text.
 *   <li>{@link #INT}: {@link Integer}, from any integral number or numeric text such as {@code "10"}.
 *   <li>{@link #BOOL}: {@link Boolean}, from a boolean or the text {@code "true"}/{@code "false"}
 *       in any case.
 *   <li>{@link #LIST}: an immutable {@code List<String>}, from a collection, a JSON array text such
 *       as {@code ["a","b"]} or comma-separated text such as {@code "a, b"}; entries are trimmed
 *       and empty ones dropped.
 * </ul>
 */
public enum FieldType {
    STR("str"),
    INT("int"),
    BOOL("bool"),
    LIST("list");

    private final String wireName;

    FieldType(String wireName) {
        this.wireName = wireName;
    }

    /** The name stored in the connector document, e.g. {@code "str"}. */
    public String wireName() {
        return wireName;
    }

    /**
     * The type stored under {@code wireName} in a connector document, ignoring case.
     *
     * @throws IllegalArgumentException if no type has that name
     */
    public static FieldType fromWire(String wireName) {
        for (FieldType type : values()) {
            if (type.wireName.equalsIgnoreCase(wireName.strip())) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown field type '" + wireName + "'");
    }

    /**
     * Whether a raw value counts as not set: null, blank text or an empty collection. Kibana
     * writes {@code ""} for a field the user left empty, so that must fall back to the default.
     */
    static boolean isUnset(@Nullable Object raw) {
        return raw == null
                || raw instanceof CharSequence text && text.toString().isBlank()
                || raw instanceof Collection<?> collection && collection.isEmpty();
    }

    /**
     * The Java representation of a raw value, or null when it is {@linkplain #isUnset unset}
     * (a list whose entries are all empty is unset too).
     *
     * @throws IllegalArgumentException whose message is what the value must be, e.g.
     *     {@code "must be an integer"}; it never quotes the value, which may be a secret
     */
    @Nullable Object normalize(@Nullable Object raw) {
        if (isUnset(raw)) {
            return null;
        }
        Object value = parse(raw);
        return isUnset(value) ? null : value;
    }

    private Object parse(Object raw) {
        return switch (this) {
            case STR -> parseString(raw);
            case INT -> parseInt(raw);
            case BOOL -> parseBool(raw);
            case LIST -> parseList(raw);
        };
    }

    /** The type of one value of a field of this type: {@link #STR} for list entries. */
    FieldType elementType() {
        return this == LIST ? STR : this;
    }

    /**
     * The form a value of this type takes in a connector document: natives for scalars, and for
     * lists the comma-separated text Kibana's text area edits, unless an entry holds a comma, in
     * which case the list itself (read back as a JSON array).
     */
    Object toWire(Object value) {
        if (this != LIST || !(value instanceof List<?> list)) {
            return value;
        }
        List<String> entries = list.stream().map(FieldType::text).toList();
        return entries.stream().anyMatch(entry -> entry.contains(",")) ? entries : String.join(",", entries);
    }

    /** Canonical text of a value, so that {@code 10}, {@code 10L} and {@code 10.0} compare equal. */
    static String text(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof Number number) {
            try {
                BigDecimal decimal = number instanceof BigDecimal big ? big : new BigDecimal(number.toString());
                return decimal.stripTrailingZeros().toPlainString();
            } catch (NumberFormatException notFinite) {
                return number.toString();
            }
        }
        return value.toString();
    }

    private static String parseString(Object raw) {
        if (raw instanceof CharSequence || raw instanceof Number || raw instanceof Boolean) {
            return text(raw);
        }
        throw new IllegalArgumentException("must be a text value");
    }

    private static Integer parseInt(Object raw) {
        if (raw instanceof Integer i) {
            return i;
        }
        if (raw instanceof Number || raw instanceof CharSequence) {
            try {
                // BigDecimal also accepts 10.0, which JSON round trips can turn ints into.
                return new BigDecimal(text(raw).strip()).intValueExact();
            } catch (NumberFormatException | ArithmeticException notAnInt) {
                // fall through
            }
        }
        throw new IllegalArgumentException("must be an integer");
    }

    private static Boolean parseBool(Object raw) {
        if (raw instanceof Boolean b) {
            return b;
        }
        if (raw instanceof CharSequence text) {
            String stripped = text.toString().strip();
            if (stripped.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (stripped.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
        }
        throw new IllegalArgumentException("must be true or false");
    }

    private static List<String> parseList(Object raw) {
        List<String> entries = new ArrayList<>();
        if (raw instanceof Collection<?> collection) {
            for (Object element : collection) {
                if (element instanceof Collection<?> || element instanceof Map<?, ?>) {
                    throw new IllegalArgumentException("must be a list of plain values");
                }
                if (element != null) {
                    entries.add(parseString(element));
                }
            }
        } else if (raw instanceof CharSequence text) {
            entries.addAll(splitText(text.toString().strip()));
        } else if (raw instanceof Number || raw instanceof Boolean) {
            entries.add(text(raw));
        } else {
            throw new IllegalArgumentException("must be a comma-separated list or a JSON array");
        }
        entries.replaceAll(String::strip);
        entries.removeIf(String::isEmpty);
        return List.copyOf(entries);
    }

    private static List<String> splitText(String text) {
        if (text.startsWith("[") && text.endsWith("]")) {
            try {
                return JsonArrayText.parse(text);
            } catch (IllegalArgumentException notJson) {
                // Bracketed but not JSON, e.g. a regex such as "[a-z]+": read it as comma-separated.
            }
        }
        return List.of(text.split(",", -1));
    }
}
