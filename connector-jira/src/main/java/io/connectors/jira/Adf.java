package io.connectors.jira;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Atlassian Document Format (Jira Cloud's descriptions, comments and rich-text custom fields) to readable plain text
 * for search: one line per paragraph, heading, list item, table row and code line; lists as {@code - } and
 * {@code 1. } with nesting indented; tasks as {@code [ ]}/{@code [x]}; quotes as {@code > }; links as
 * {@code text (url)}; mentions, emoji, dates and statuses as their visible text; media as their alt text. Unknown
 * nodes contribute their text and children, so a new node type never loses content. Stateless.
 */
final class Adf {

    private Adf() {}

    /** The text of an ADF document (or any ADF node); a JSON string is returned as is; null or missing gives "". */
    static String toText(@Nullable JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "";
        }
        if (node.isTextual()) {
            return node.asText();
        }
        StringBuilder out = new StringBuilder();
        block(node, out);
        return tidy(out.toString());
    }

    private static void blocks(JsonNode parent, StringBuilder out) {
        for (JsonNode child : parent.path("content")) {
            block(child, out);
        }
    }

    private static void block(JsonNode node, StringBuilder out) {
        String type = node.path("type").asText("");
        JsonNode attrs = node.path("attrs");
        switch (type) {
            case "doc", "panel", "layoutSection", "layoutColumn", "bodiedExtension", "extensionFrame" -> blocks(node, out);
            case "paragraph", "heading" -> line(out, inline(node));
            case "bulletList" -> list(node, out, -1);
            case "orderedList" -> list(node, out, attrs.path("order").asInt(1));
            case "taskList", "decisionList" -> {
                for (JsonNode item : node.path("content")) {
                    if (item.path("type").asText().equals("taskList")) {
                        indented(item, out, "  ", "  ");
                    } else {
                        block(item, out);
                    }
                }
            }
            case "taskItem" -> line(out, ("DONE".equals(attrs.path("state").asText()) ? "[x] " : "[ ] ") + inline(node));
            case "decisionItem" -> line(out, "- " + inline(node));
            case "codeBlock" -> line(out, inline(node));
            case "blockquote" -> indented(node, out, "> ", "> ");
            case "expand", "nestedExpand" -> {
                String title = attrs.path("title").asText("");
                if (!title.isBlank()) {
                    line(out, title);
                }
                blocks(node, out);
            }
            case "rule" -> out.append('\n');
            case "table" -> {
                for (JsonNode row : node.path("content")) {
                    StringBuilder cells = new StringBuilder();
                    for (JsonNode cell : row.path("content")) {
                        StringBuilder text = new StringBuilder();
                        blocks(cell, text);
                        if (!cells.isEmpty()) {
                            cells.append(" | ");
                        }
                        cells.append(tidy(text.toString()).replace('\n', ' '));
                    }
                    line(out, cells.toString());
                }
            }
            case "mediaSingle", "mediaGroup" -> blocks(node, out);
            case "media" -> {
                String alt = attrs.path("alt").asText("");
                if (!alt.isBlank()) {
                    line(out, alt);
                }
            }
            case "blockCard", "embedCard" -> {
                String url = attrs.path("url").asText("");
                if (!url.isBlank()) {
                    line(out, url);
                }
            }
            case "extension", "inlineExtension" -> { }
            default -> {
                if (node.has("text") || isInline(type)) {
                    line(out, inline(node.has("content") ? node : wrap(node)));
                } else {
                    blocks(node, out);
                }
            }
        }
    }

    /** A list: each item's first line gets the marker, its further lines (and nested lists) are indented. */
    private static void list(JsonNode node, StringBuilder out, int start) {
        int number = start;
        for (JsonNode item : node.path("content")) {
            String marker = start < 0 ? "- " : number++ + ". ";
            indented(item, out, marker, " ".repeat(marker.length()));
        }
    }

    private static void indented(JsonNode node, StringBuilder out, String first, String rest) {
        StringBuilder inner = new StringBuilder();
        blocks(node, inner);
        String text = tidy(inner.toString());
        if (text.isEmpty()) {
            return;
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isEmpty() && !first.startsWith(">")) {
                continue;
            }
            line(out, (i == 0 ? first : rest) + lines[i]);
        }
    }

    private static String inline(JsonNode parent) {
        StringBuilder out = new StringBuilder();
        for (JsonNode node : parent.path("content")) {
            String type = node.path("type").asText("");
            JsonNode attrs = node.path("attrs");
            switch (type) {
                case "text" -> {
                    String text = node.path("text").asText("");
                    out.append(text);
                    for (JsonNode mark : node.path("marks")) {
                        if ("link".equals(mark.path("type").asText())) {
                            String href = mark.path("attrs").path("href").asText("");
                            if (!href.isBlank() && !href.equals(text)) {
                                out.append(" (").append(href).append(')');
                            }
                        }
                    }
                }
                case "hardBreak" -> out.append('\n');
                case "mention" -> {
                    String text = attrs.path("text").asText("");
                    out.append(text.isBlank() ? "@" + attrs.path("id").asText("") : text);
                }
                case "emoji" -> {
                    String text = attrs.path("text").asText("");
                    out.append(text.isBlank() ? attrs.path("shortName").asText("") : text);
                }
                case "date" -> out.append(date(attrs.path("timestamp").asText("")));
                case "status" -> out.append(attrs.path("text").asText(""));
                case "inlineCard" -> out.append(attrs.path("url").asText(""));
                case "placeholder", "mediaInline", "inlineExtension" -> { }
                default -> {
                    if (node.has("text")) {
                        out.append(node.path("text").asText(""));
                    } else if (node.has("content")) {
                        out.append(inline(node));
                    }
                }
            }
        }
        return out.toString();
    }

    private static String date(String millis) {
        try {
            return Instant.ofEpochMilli(Long.parseLong(millis.strip())).atZone(ZoneOffset.UTC).toLocalDate().toString();
        } catch (NumberFormatException notMillis) {
            return millis;
        }
    }

    private static boolean isInline(String type) {
        return switch (type) {
            case "text", "hardBreak", "mention", "emoji", "date", "status", "inlineCard" -> true;
            default -> false;
        };
    }

    private static JsonNode wrap(JsonNode inlineNode) {
        com.fasterxml.jackson.databind.node.ObjectNode holder =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        holder.putArray("content").add(inlineNode);
        return holder;
    }

    private static void line(StringBuilder out, String text) {
        out.append(text).append('\n');
    }

    /** Compiled once: {@code String.replaceAll} compiles its pattern on every call, and tidy runs per ADF block. */
    private static final Pattern TRAILING_BLANKS = Pattern.compile("[ \\t]+\\n");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");

    /** Trailing spaces and runs of blank lines removed, ends trimmed. */
    static String tidy(String text) {
        return BLANK_LINES.matcher(TRAILING_BLANKS.matcher(text).replaceAll("\n")).replaceAll("\n\n").strip();
    }
}
