package io.connectors.confluence;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Confluence's storage format (XHTML with {@code ac:} and {@code ri:} elements) to clean text with jsoup's XML
 * parser: entities decoded, CDATA kept as text (the body of a code macro), macro parameters and resource identifiers
 * dropped, one line per block (paragraph, heading, list item, table row, macro), table cells separated by a tab.
 */
final class StorageFormat {

    /** Elements whose text is configuration, not content: macro parameters, placeholders, scripts. */
    private static final Set<String> DROPPED = Set.of("ac:parameter", "ac:placeholder", "script", "style", "ac:emoticon");
    private static final Set<String> BLOCKS = Set.of("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "pre",
            "blockquote", "table", "ul", "ol", "dl", "dt", "dd", "hr", "br", "ac:structured-macro", "ac:macro",
            "ac:plain-text-body", "ac:rich-text-body", "ac:task", "ac:layout-cell", "ac:layout-section");
    private static final Set<String> CELLS = Set.of("td", "th");

    private StorageFormat() {}

    static String toText(String storage) {
        if (storage.isBlank()) {
            return "";
        }
        // a root element: the storage format is a fragment, often several top-level blocks
        Element root = Jsoup.parse("<root>" + storage + "</root>", "", Parser.xmlParser());
        StringBuilder text = new StringBuilder(storage.length() / 2);
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode textNode && !dropped(node)) {
                    String value = textNode.getWholeText();
                    text.append(value);
                } else if (node instanceof Element element && CELLS.contains(element.tagName())) {
                    text.append('\t');
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element && BLOCKS.contains(element.tagName())) {
                    text.append('\n');
                }
            }
        }, root);
        return tidy(text);
    }

    private static boolean dropped(Node node) {
        for (Node parent = node.parentNode(); parent != null; parent = parent.parentNode()) {
            if (parent instanceof Element element && DROPPED.contains(element.tagName())) {
                return true;
            }
        }
        return false;
    }

    /** Trims each line, collapses runs of spaces and blank lines. */
    private static String tidy(CharSequence raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (String line : raw.toString().split("\n")) {
            String clean = line.replace('\u00a0', ' ').replaceAll("[ \\x0B\\f\\r]+", " ").replaceAll(" ?\t ?", "\t")
                    .replaceAll("^\t+", "").strip();
            if (!clean.isEmpty()) {
                out.append(clean).append('\n');
            }
        }
        return out.toString().strip();
    }
}
