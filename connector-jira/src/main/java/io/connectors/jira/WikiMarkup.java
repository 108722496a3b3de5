package io.connectors.jira;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jira Server/Data Center wiki markup (descriptions and comments of API v2) to readable text, lightly: macros such
 * as {@code {code}}, {@code {noformat}}, {@code {quote}}, {@code {panel}}, {@code {color}} lose their markers but keep
 * their content; headings and quote prefixes go; links become {@code text (url)}, user links {@code @user},
 * attachment links their file name; embedded images disappear; list bullets become {@code - }; table pipes become
 * {@code  | }; {@code *strong*} and {@code {{monospace}}} lose their markers. Everything else passes through.
 */
final class WikiMarkup {

    private static final Pattern MACRO = Pattern.compile("\\{(code|noformat|quote|panel|color|anchor)(:[^}]*)?}");
    private static final Pattern HEADING = Pattern.compile("(?m)^\\s*(h[1-6]|bq)\\.\\s+");
    private static final Pattern LINK = Pattern.compile("\\[([^\\[\\]|]*)\\|([^\\[\\]]+)]");
    private static final Pattern USER = Pattern.compile("\\[~(?:accountid:)?([^\\[\\]]+)]");
    private static final Pattern ATTACHMENT_LINK = Pattern.compile("\\[\\^([^\\[\\]]+)]");
    private static final Pattern BARE_LINK = Pattern.compile("\\[((?:https?|mailto|file):[^\\[\\]\\s]+)]");
    private static final Pattern IMAGE = Pattern.compile("!([^!\\s|]+\\.[A-Za-z0-9]{2,5})(\\|[^!\\n]*)?!");
    private static final Pattern BULLET = Pattern.compile("(?m)^(\\s*)([*#-]+)\\s+");
    private static final Pattern TABLE_HEADER = Pattern.compile("\\|\\|");
    private static final Pattern STRONG = Pattern.compile("(?<![\\w*])\\*(\\S(?:[^*\\n]*\\S)?)\\*(?![\\w*])");
    private static final Pattern MONOSPACE = Pattern.compile("\\{\\{(.+?)}}");
    private static final Pattern RULE = Pattern.compile("(?m)^-{4,}\\s*$");

    private WikiMarkup() {}

    static String toText(String markup) {
        String text = markup.replace("\r\n", "\n");
        text = MACRO.matcher(text).replaceAll("");
        text = HEADING.matcher(text).replaceAll("");
        text = USER.matcher(text).replaceAll(match -> Matcher.quoteReplacement("@" + match.group(1)));
        text = ATTACHMENT_LINK.matcher(text).replaceAll(match -> Matcher.quoteReplacement(match.group(1)));
        text = LINK.matcher(text).replaceAll(match -> Matcher.quoteReplacement(match.group(1).isBlank()
                ? match.group(2) : match.group(1) + " (" + match.group(2) + ")"));
        text = BARE_LINK.matcher(text).replaceAll(match -> Matcher.quoteReplacement(match.group(1)));
        text = IMAGE.matcher(text).replaceAll("");
        text = RULE.matcher(text).replaceAll("");
        text = BULLET.matcher(text).replaceAll(match ->
                Matcher.quoteReplacement("  ".repeat(match.group(2).length() - 1) + "- "));
        text = tables(text);
        text = STRONG.matcher(text).replaceAll(match -> Matcher.quoteReplacement(match.group(1)));
        text = MONOSPACE.matcher(text).replaceAll(match -> Matcher.quoteReplacement(match.group(1)));
        text = text.replace("\\\\", "\n");
        return Adf.tidy(text);
    }

    private static String tables(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String stripped = line.strip();
            if (stripped.startsWith("|") && stripped.endsWith("|") && stripped.length() > 1) {
                String cells = TABLE_HEADER.matcher(stripped).replaceAll("|");
                cells = cells.substring(1, cells.length() - 1);
                StringBuilder row = new StringBuilder();
                for (String cell : cells.split("\\|", -1)) {
                    if (!row.isEmpty()) {
                        row.append(" | ");
                    }
                    row.append(cell.strip());
                }
                out.append(row);
            } else {
                out.append(line);
            }
            out.append('\n');
        }
        return out.toString();
    }
}
