package io.connectors.api.config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads the text of a flat JSON array of scalars, such as {@code ["a", "b", 3]}, into the text of
 * its elements. List fields may be stored that way; this small reader keeps the SPI free of a JSON
 * library. Nulls are dropped; nested arrays and objects are rejected.
 */
final class JsonArrayText {

    private final String text;
    private int pos;

    private JsonArrayText(String text) {
        this.text = text;
    }

    /**
     * The elements of {@code text} as text.
     *
     * @throws IllegalArgumentException if {@code text} is not a flat JSON array
     */
    static List<String> parse(String text) {
        return new JsonArrayText(text).array();
    }

    private List<String> array() {
        List<String> elements = new ArrayList<>();
        expect('[');
        skipWhitespace();
        if (peek() == ']') {
            pos++;
        } else {
            while (true) {
                skipWhitespace();
                @Nullable String element = scalar();
                if (element != null) {
                    elements.add(element);
                }
                skipWhitespace();
                char next = next();
                if (next == ']') {
                    break;
                }
                if (next != ',') {
                    throw error("',' or ']' expected");
                }
            }
        }
        skipWhitespace();
        if (pos != text.length()) {
            throw error("unexpected text after the array");
        }
        return elements;
    }

    private @Nullable String scalar() {
        char first = peek();
        if (first == '"') {
            return string();
        }
        int start = pos;
        while (pos < text.length() && ",] \t\r\n".indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        String literal = text.substring(start, pos);
        switch (literal) {
            case "true", "false" -> {
                return literal;
            }
            case "null" -> {
                return null;
            }
            default -> {
                try {
                    return FieldType.text(new BigDecimal(literal));
                } catch (NumberFormatException notANumber) {
                    throw error("a string, number, boolean or null expected");
                }
            }
        }
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escaped = next();
            switch (escaped) {
                case '"', '\\', '/' -> out.append(escaped);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw error("truncated \\u escape");
                    }
                    try {
                        out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException badHex) {
                        throw error("bad \\u escape");
                    }
                    pos += 4;
                }
                default -> throw error("bad escape");
            }
        }
    }

    private void expect(char expected) {
        if (next() != expected) {
            throw error("'" + expected + "' expected");
        }
    }

    private char peek() {
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        return text.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private void skipWhitespace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("Not a flat JSON array (" + what + " at offset " + pos + ")");
    }
}
