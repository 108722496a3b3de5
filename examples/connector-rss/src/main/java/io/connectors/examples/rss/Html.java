package io.connectors.examples.rss;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTML to plain text, minimally: drops scripts, styles, comments and tags, decodes character references, collapses
 * whitespace. Enough for the descriptions and contents of feeds, which are small fragments; not a browser.
 */
final class Html {

    private static final Pattern INVISIBLE = Pattern.compile("(?is)<(script|style)\\b.*?</\\1\\s*>|<!--.*?-->");
    private static final Pattern TAG = Pattern.compile("<[a-zA-Z/!][^>]*>");
    private static final Pattern REFERENCE = Pattern.compile("&(?:#(\\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,7}));");
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00A0]+");
    private static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
            Map.entry("apos", "'"), Map.entry("nbsp", " "), Map.entry("hellip", "\u2026"), Map.entry("mdash", "\u2014"),
            Map.entry("ndash", "\u2013"), Map.entry("lsquo", "\u2018"), Map.entry("rsquo", "\u2019"),
            Map.entry("ldquo", "\u201C"), Map.entry("rdquo", "\u201D"), Map.entry("copy", "\u00A9"));

    private Html() {}

    /** The text of an HTML fragment, on one line. */
    static String toText(String html) {
        String withoutMarkup = TAG.matcher(INVISIBLE.matcher(html).replaceAll(" ")).replaceAll(" ");
        return collapse(decode(withoutMarkup));
    }

    /** Runs of whitespace (no-break spaces included) as one space, none at either end. */
    static String collapse(String text) {
        return WHITESPACE.matcher(text).replaceAll(" ").strip();
    }

    /** Decodes numeric references and the common named ones; leaves unknown names as they are. */
    private static String decode(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Matcher reference = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (reference.find()) {
            String replacement;
            if (reference.group(3) != null) {
                replacement = NAMED.getOrDefault(reference.group(3), reference.group());
            } else {
                int codePoint = reference.group(1) != null ? Integer.parseInt(reference.group(1))
                        : Integer.parseInt(reference.group(2), 16);
                replacement = Character.isValidCodePoint(codePoint) && codePoint != 0
                        ? Character.toString(codePoint) : reference.group();
            }
            reference.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return reference.appendTail(out).toString();
    }
}
