package io.connectors.api.http;

import java.util.regex.Pattern;

/**
 * A URL fit to print: credentials written into it ({@code https://user:pass@host}) become {@code ***}. Use it
 * wherever a configured URL reaches a message, a log line or a {@code toString()}.
 */
public final class RedactedUrl {

    private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s?#]+@");

    private RedactedUrl() {}

    /** {@code text} with the user information of every URL in it replaced by {@code ***}. */
    public static String of(String text) {
        return text == null ? null : USER_INFO.matcher(text).replaceAll("$1***@");
    }
}
