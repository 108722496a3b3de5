package io.connectors.examples.rss;

import com.sun.net.httpserver.HttpServer;
import io.connectors.api.source.DataSource;
import io.connectors.testkit.contract.SourceFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The contract kit's fixture for the RSS source: a feed of 30 items on a loopback port that answers only a request
 * with the right bearer token (401 otherwise), and whose items the kit edits, deletes and adds between syncs, as a
 * publisher would: an edit gets a new {@code pubDate}, which is the item's change marker.
 */
final class RssFixture implements SourceFixture {

    static final String TOKEN = "rss-token-4f8a1c";
    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    /** An item as the feed shows it; {@code revision} moves its text and date. */
    private record Item(int number, int revision) {
        String guid() {
            return "urn:example:item:" + number;
        }

        String xml() {
            return "<item><guid isPermaLink=\"false\">" + guid() + "</guid>"
                    + "<title>Release note " + number + "</title>"
                    + "<link>https://news.example.com/items/" + number + "</link>"
                    + "<description>Item " + number + " revision " + revision + " says what changed.</description>"
                    + "<pubDate>" + RFC_1123.format(START.plusSeconds(3600L * number + 60L * revision)) + "</pubDate>"
                    + "</item>";
        }
    }

    private final Map<Integer, Item> items = new ConcurrentSkipListMap<>();
    private final AtomicInteger next = new AtomicInteger();
    private final HttpServer server;

    RssFixture() {
        for (int i = 0; i < 30; i++) {
            int number = next.incrementAndGet();
            items.put(number, new Item(number, 0));
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/feed.xml", exchange -> {
            boolean authorized = ("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = (authorized ? feed() : "unauthorized").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", authorized ? "application/rss+xml" : "text/plain");
            exchange.sendResponseHeaders(authorized ? 200 : 401, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    private String feed() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
                + "<title>Release notes</title><link>https://news.example.com/</link><description>Fixture</description>");
        items.values().forEach(item -> xml.append(item.xml()));
        return xml.append("</channel></rss>").toString();
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/feed.xml";
    }

    /** Ids as the source gives them: the item's guid (see {@link RssDataSource#id}). */
    private static String idOf(Item item) {
        return item.guid();
    }

    @Override
    public Class<? extends DataSource> sourceClass() {
        return RssDataSource.class;
    }

    @Override
    public Map<String, Object> configuration() {
        return Map.of("feed_urls", List.of(url()), "auth_token", TOKEN);
    }

    @Override
    public Optional<Map<String, Object>> badCredentialsConfiguration() {
        return Optional.of(Map.of("feed_urls", List.of(url()), "auth_token", "wrong-token-77c2e9"));
    }

    @Override
    public String changeOneDocument() {
        Item edited = items.computeIfPresent(((ConcurrentSkipListMap<Integer, Item>) items).firstKey(),
                (number, item) -> new Item(number, item.revision() + 1));
        return idOf(edited);
    }

    @Override
    public String deleteOneDocument() {
        return idOf(((ConcurrentSkipListMap<Integer, Item>) items).pollLastEntry().getValue());
    }

    @Override
    public String addOneDocument() {
        int number = next.incrementAndGet();
        Item added = new Item(number, 0);
        items.put(number, added);
        return idOf(added);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
