package io.connectors.core.config;

import java.util.List;
import java.util.Map;

/** A YAML value after interpolation, before it is given a type. */
sealed interface RawValue {

    /**
     * A scalar.
     *
     * @param text   the value after interpolation
     * @param source the value as written in the file
     */
    record Scalar(String text, String source) implements RawValue {

        /**
         * The value as error messages may quote it. An interpolated value is not quoted: it may come from a
         * secret-holding environment variable, so the message names the expression instead.
         */
        String shown() {
            return text.equals(source) ? quote(text) : "the value of " + quote(source);
        }
    }

    record Sequence(List<RawValue> items) implements RawValue {
    }

    /** A mapping; {@code entries} holds its scalar-keyed entries in file order (read only by map-typed keys). */
    record Mapping(Map<String, RawValue> entries) implements RawValue {
    }

    /** How a message names a value of the wrong shape, without its content. */
    static String describe(RawValue value) {
        return switch (value) {
            case Scalar s -> s.shown();
            case Sequence ignored -> "a list";
            case Mapping ignored -> "a mapping";
        };
    }

    static String quote(String text) {
        return doubleQuoted(text.length() > 80 ? text.substring(0, 77) + "..." : text);
    }

    /** {@code text} in double quotes with YAML/JSON escapes: for messages and for the generated YAML alike. */
    static String doubleQuoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < ' ') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
