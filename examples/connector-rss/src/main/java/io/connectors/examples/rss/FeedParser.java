package io.connectors.examples.rss;

import io.connectors.api.ConnectorException;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * Reads an RSS 2.0 (also 0.9x and 1.0) or Atom 1.0 document into a {@link Feed} with the JDK's StAX parser, in one
 * pass to the end of the document: a feed cut short or otherwise not well-formed fails as a whole, never as "fewer
 * items". Elements it does not know are skipped.
 */
final class FeedParser {

    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final String RSS_1 = "http://purl.org/rss/1.0/";
    private static final String DUBLIN_CORE = "http://purl.org/dc/elements/1.1/";
    private static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";

    private FeedParser() {}

    /**
     * The feed in {@code xml}.
     *
     * @param feedUrl the feed's address: relative Atom links resolve against it, and errors name it
     * @throws ConnectorException when the document is not well-formed XML, or neither RSS nor Atom
     */
    static Feed parse(byte[] xml, FeedUrl feedUrl) {
        XMLStreamReader reader = null;
        try {
            reader = factory().createXMLStreamReader(new ByteArrayInputStream(xml));
            while (reader.next() != XMLStreamConstants.START_ELEMENT) {
                // prolog: declaration, comments, a doctype
            }
            String root = reader.getLocalName();
            return switch (root) {
                case "rss", "RDF" -> read(reader, feedUrl, false);
                case "feed" -> read(reader, feedUrl, true);
                default -> throw new ConnectorException("feed " + feedUrl + " is neither RSS nor Atom: its root "
                        + "element is <" + root + ">, expected <rss> or <feed> (check that the URL is the feed's, not a web page's)");
            };
        } catch (XMLStreamException malformed) {
            throw new ConnectorException("feed " + feedUrl + " is not well-formed XML" + where(malformed.getLocation())
                    + ": " + reason(malformed), malformed);
        } finally {
            close(reader);
        }
    }

    /** A factory for untrusted input: no DTD processing, no external entities. */
    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory(); // the JDK's own, whatever else is on the class path
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    /** Reads from just inside the root element to the end of the document. */
    private static Feed read(XMLStreamReader reader, FeedUrl feedUrl, boolean atom) throws XMLStreamException {
        String title = null;
        String feedAuthor = null;
        List<Feed.Item> items = new ArrayList<>();
        int depth = 1; // Atom: feed/title is at depth 1; RSS: rss/channel/title and rdf:RDF/channel/title at depth 2
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                String name = reader.getLocalName();
                if (atom && name.equals("entry")) {
                    items.add(atomEntry(reader, feedUrl));
                } else if (!atom && name.equals("item")) {
                    items.add(rssItem(reader));
                } else if (name.equals("title") && title == null && depth == (atom ? 1 : 2)) {
                    title = atom ? atomText(reader) : text(reader);
                } else if (atom && name.equals("author") && depth == 1) {
                    feedAuthor = join(feedAuthor, atomPerson(reader));
                } else {
                    depth++;
                }
            }
        }
        if (atom && feedAuthor != null) {
            String inherited = feedAuthor; // an entry without author has the feed's (RFC 4287, 4.2.1)
            items.replaceAll(item -> item.author() != null ? item : new Feed.Item(item.id(), item.link(), item.title(),
                    inherited, item.published(), item.updated(), item.summary(), item.content()));
        }
        return new Feed(feedUrl.toString(), title, items);
    }

    private static Feed.Item rssItem(XMLStreamReader reader) throws XMLStreamException {
        String id = null, link = null, title = null, author = null, published = null, summary = null, content = null;
        while (nextChild(reader)) {
            String ns = reader.getNamespaceURI() == null ? "" : reader.getNamespaceURI();
            String name = reader.getLocalName();
            boolean rss = ns.isEmpty() || ns.equals(RSS_1);
            if (rss && name.equals("guid")) {
                id = text(reader);
            } else if (rss && name.equals("link")) {
                link = text(reader);
            } else if (rss && name.equals("title")) {
                title = Html.toText(text(reader));
            } else if (rss && name.equals("author") || ns.equals(DUBLIN_CORE) && name.equals("creator")) {
                author = join(author, text(reader));
            } else if (rss && name.equals("pubDate") || ns.equals(DUBLIN_CORE) && name.equals("date") && published == null) {
                published = text(reader);
            } else if (rss && name.equals("description")) {
                summary = Html.toText(text(reader));
            } else if (ns.equals(CONTENT) && name.equals("encoded")) {
                content = Html.toText(text(reader));
            } else {
                skip(reader);
            }
        }
        return new Feed.Item(blankToNull(id), blankToNull(link), blankToNull(title), author, blankToNull(published),
                null, blankToNull(summary), blankToNull(content));
    }

    private static Feed.Item atomEntry(XMLStreamReader reader, FeedUrl feedUrl) throws XMLStreamException {
        String id = null, link = null, title = null, author = null, published = null, updated = null, summary = null,
                content = null;
        while (nextChild(reader)) {
            if (!ATOM.equals(reader.getNamespaceURI())) {
                skip(reader);
                continue;
            }
            switch (reader.getLocalName()) {
                case "id" -> id = text(reader);
                case "title" -> title = atomText(reader);
                case "link" -> {
                    String rel = reader.getAttributeValue(null, "rel");
                    String href = reader.getAttributeValue(null, "href");
                    if ((rel == null || rel.equals("alternate")) && href != null && link == null) {
                        link = resolve(feedUrl, href.strip());
                    }
                    skip(reader);
                }
                case "author" -> author = join(author, atomPerson(reader));
                case "published" -> published = text(reader);
                case "updated" -> updated = text(reader);
                case "summary" -> summary = atomText(reader);
                case "content" -> content = reader.getAttributeValue(null, "src") != null ? skipped(reader) : atomText(reader);
                default -> skip(reader);
            }
        }
        return new Feed.Item(blankToNull(id), link, blankToNull(title), author, blankToNull(published),
                blankToNull(updated), blankToNull(summary), blankToNull(content));
    }

    /** An Atom text construct: {@code type="html"} is escaped HTML, {@code xhtml} inline markup, {@code text} text. */
    private static String atomText(XMLStreamReader reader) throws XMLStreamException {
        String type = reader.getAttributeValue(null, "type");
        String text = text(reader);
        return "html".equals(type) || "text/html".equals(type) ? Html.toText(text) : Html.collapse(text);
    }

    /** The name of an Atom person construct ({@code author}). */
    private static @Nullable String atomPerson(XMLStreamReader reader) throws XMLStreamException {
        String name = null;
        while (nextChild(reader)) {
            if (reader.getLocalName().equals("name")) {
                name = blankToNull(text(reader));
            } else {
                skip(reader);
            }
        }
        return name;
    }

    /**
     * The text inside the current element, nested elements included (Atom's xhtml, where a block element such as
     * {@code p} separates words and an inline one such as {@code em} does not); leaves the reader on the element's end.
     */
    private static String text(XMLStreamReader reader) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        for (int depth = 1; depth > 0; ) {
            switch (reader.next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    depth++;
                    text.append(Html.isBlock(reader.getLocalName()) ? " " : "");
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    depth--;
                    text.append(depth > 0 && Html.isBlock(reader.getLocalName()) ? " " : "");
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        text.append(reader.getText());
                default -> { }
            }
        }
        return text.toString().strip();
    }

    /** Moves to the next child of the current element: true on its start, false on the current element's end. */
    private static boolean nextChild(XMLStreamReader reader) throws XMLStreamException {
        while (true) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                return false;
            }
        }
    }

    /** Skips the current element and everything inside; leaves the reader on its end. */
    private static void skip(XMLStreamReader reader) throws XMLStreamException {
        for (int depth = 1; depth > 0; ) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    private static @Nullable String skipped(XMLStreamReader reader) throws XMLStreamException {
        skip(reader);
        return null;
    }

    private static String resolve(FeedUrl feedUrl, String href) {
        try {
            return feedUrl.uri().resolve(href).toString();
        } catch (IllegalArgumentException notAUri) {
            return href;
        }
    }

    private static @Nullable String join(@Nullable String first, @Nullable String next) {
        next = blankToNull(next);
        return first == null ? next : next == null ? first : first + ", " + next;
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String where(@Nullable Location location) {
        return location == null || location.getLineNumber() < 0 ? ""
                : " at line " + location.getLineNumber() + ", column " + location.getColumnNumber();
    }

    /** The parser's own words, without the "ParseError at [row,col]" prefix {@link #where} already says. */
    private static String reason(XMLStreamException malformed) {
        String message = String.valueOf(malformed.getMessage());
        int at = message.indexOf("Message: ");
        return (at >= 0 ? message.substring(at + "Message: ".length()) : message).strip();
    }

    private static void close(@Nullable XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // nothing is held open: the input is an array in memory
            }
        }
    }
}
