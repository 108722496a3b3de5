package io.connectors.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:default}} in a scalar with environment values; {@code $${} stands for a
 * literal {@code ${}. A variable that is unset or empty takes its default; without one, that is an error rather than
 * a silent empty string.
 */
final class Interpolator {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, String> env;

    Interpolator(Map<String, String> env) {
        this.env = env;
    }

    /** The interpolated text; every error of the scalar in one exception. Error messages name variables, never values. */
    String interpolate(String text) throws InvalidValueException {
        if (!text.contains("${")) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        List<String> errors = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    errors.add("unterminated \"${\" (close it with \"}\", or write \"$${\" for a literal \"${\")");
                    break;
                }
                String body = text.substring(i + 2, end);
                int colon = body.indexOf(':');
                String name = colon < 0 ? body : body.substring(0, colon);
                if (!NAME.matcher(name).matches()) {
                    // the text is not echoed: this scalar may be a secret that merely contains "${"
                    errors.add("invalid variable name after \"${\" (names are letters, digits and _;"
                            + " write \"$${\" for a literal \"${\")");
                } else {
                    String value = env.get(name);
                    if (value != null && !value.isEmpty()) {
                        out.append(value);
                    } else if (colon >= 0) {
                        out.append(body, colon + 1, body.length());
                    } else {
                        errors.add("environment variable " + name + " is not set and \"${" + name + "}\" has no default"
                                + " (write \"${" + name + ":default}\" to give one)");
                    }
                }
                i = end + 1;
            } else {
                out.append(text.charAt(i));
                i++;
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidValueException(String.join("; ", errors));
        }
        return out.toString();
    }
}
