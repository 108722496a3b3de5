package io.connectors.examples.rss;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTML to plain text, minimally: drops scripts, styles, comments and tags, decodes character references, collapses
 * whitespace. Enough for the descriptions and contents of feeds, which are small fragments; not a browser.
 */
final class Html {

    private static final Pattern INVISIBLE = Pattern.compile("(?is)<(script|style)\\b.*?</\\1\\s*>|<!--.*?-->");
    /** Tags that separate words; any other tag (b, em, a, span...) sits inside a word's run of text. */
    private static final Set<String> BLOCKS = Set.of("address", "article", "aside", "blockquote", "br", "dd", "div",
            "dl", "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "img",
            "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul");
    private static final Pattern TAG = Pattern.compile("</?([a-zA-Z][a-zA-Z0-9]*)[^>]*>|<![^>]*>");
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
        String withoutMarkup = TAG.matcher(INVISIBLE.matcher(html).replaceAll(" "))
                .replaceAll(tag -> tag.group(1) != null && isBlock(tag.group(1)) ? " " : "");
        return collapse(decode(withoutMarkup));
    }

    /** Whether the element named {@code name} separates the words around it. */
    static boolean isBlock(String name) {
        return BLOCKS.contains(name.toLowerCase(Locale.ROOT));
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
