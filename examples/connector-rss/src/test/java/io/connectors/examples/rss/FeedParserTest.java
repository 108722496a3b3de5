package io.connectors.examples.rss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectors.api.ConnectorException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The parser alone, on documents in memory: the odd corners of RSS and Atom, and untrusted input. */
class FeedParserTest {

    private static final FeedUrl URL = FeedUrl.parse("http://feeds.example.test/dir/feed.xml?token=t");

    private static Feed parse(String xml) {
        return FeedParser.parse(xml.getBytes(StandardCharsets.UTF_8), URL);
    }

    @Test
    void parse_rss1RdfWithDublinCore_readsItsItems() {
        Feed feed = parse("""
                <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
                         xmlns:dc="http://purl.org/dc/elements/1.1/">
                  <channel><title>RDF feed</title></channel>
                  <item><title>One</title><link>http://x.test/1</link><dc:date>2025-01-02T03:04:05Z</dc:date>
                    <dc:creator>A</dc:creator><dc:creator>B</dc:creator></item>
                </rdf:RDF>""");

        assertThat(feed.title()).isEqualTo("RDF feed");
        assertThat(feed.items()).singleElement().satisfies(item -> {
            assertThat(item.published()).isEqualTo("2025-01-02T03:04:05Z");
            assertThat(item.author()).isEqualTo("A, B");
        });
    }

    @Test
    void parse_unknownElementsAndStrayText_areSkipped() {
        Feed feed = parse("""
                <rss><channel><title>T</title><x:ext xmlns:x="urn:x"><title>not mine</title></x:ext>
                  <item>stray<title>Kept</title><media:group xmlns:media="urn:m"><title>no</title></media:group></item>
                </channel></rss>""");

        assertThat(feed.items()).singleElement().extracting(Feed.Item::title).isEqualTo("Kept");
    }

    @Test
    void parse_feedUrlInErrorsAndDocuments_losesItsQuery() {
        assertThat(parse("<rss><channel/></rss>").url()).isEqualTo("http://feeds.example.test/dir/feed.xml");
        assertThatThrownBy(() -> parse("<rss>")).isInstanceOf(ConnectorException.class)
                .hasMessageStartingWith("feed http://feeds.example.test/dir/feed.xml is not well-formed XML at line 1")
                .hasMessageNotContaining("token");
    }

    @Test
    void parse_externalEntity_isNotResolved() {
        assertThatThrownBy(() -> parse("""
                <?xml version="1.0"?>
                <!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <rss><channel><item><title>&secret;</title></item></channel></rss>"""))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("secret");
    }

    @Test
    void parse_emptyFeed_hasNoItems() {
        assertThat(parse("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Quiet</title></feed>").items()).isEmpty();
    }

    @Test
    void dates_rfc822AndRfc3339_parsed_otherwiseNull() {
        assertThat(FeedDates.parse("Sat, 07 Sep 2002 00:00:01 GMT")).isEqualTo(Instant.parse("2002-09-07T00:00:01Z"));
        assertThat(FeedDates.parse("7 Sep 2002 09:00 EST")).isEqualTo(Instant.parse("2002-09-07T14:00:00Z"));
        assertThat(FeedDates.parse("2002-09-07T02:00:01+02:00")).isEqualTo(Instant.parse("2002-09-07T00:00:01Z"));
        assertThat(FeedDates.parse("last Tuesday")).isNull();
        assertThat(FeedDates.parse(null)).isNull();
    }

    @Test
    void html_toText_dropsMarkupAndScripts_decodesReferences_keepsLoneAngles() {
        assertThat(Html.toText("<p>a &lt; b &amp;&amp; c&#x21;</p><style>p{}</style><!-- x --> <br/>1 < 2 &unknown;"))
                .isEqualTo("a < b && c! 1 < 2 &unknown;");
    }

    @Test
    void html_toText_inlineTagsJoin_blockTagsSeparate() {
        assertThat(Html.toText("<P>Faster <b>syncs</b>, <a href=\"x\">see</a>.</P><LI>One</LI><li>two</li>line<br>break"))
                .isEqualTo("Faster syncs, see. One two line break");
    }

    @Test
    void parse_atomXhtmlContent_inlineElementsJoinWords() {
        Feed feed = parse("""
                <feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id>
                  <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Now <em>twice</em>.</p><p>Yes</p></div></content>
                </entry></feed>""");

        assertThat(feed.items()).singleElement().extracting(Feed.Item::content).isEqualTo("Now twice. Yes");
    }
}
