package io.connectors.examples.rss;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One feed as read: its title and its items, each as the feed wrote it (texts already plain, dates as printed).
 *
 * @param url   the feed's address
 * @param title the channel's or feed's title
 * @param items the items (RSS) or entries (Atom), in document order
 */
record Feed(String url, @Nullable String title, List<Item> items) {

    Feed {
        items = List.copyOf(items);
    }

    /**
     * An RSS item or Atom entry.
     *
     * @param id        RSS {@code guid}, Atom {@code id}
     * @param link      RSS {@code link}, Atom {@code link rel="alternate"}, absolute
     * @param title     plain text
     * @param author    RSS {@code author} or {@code dc:creator}, Atom {@code author/name} (the feed's when the entry
     *                  has none); several joined by ", "
     * @param published RSS {@code pubDate} or {@code dc:date}, Atom {@code published}, as printed
     * @param updated   Atom {@code updated}, as printed
     * @param summary   RSS {@code description}, Atom {@code summary}, plain text
     * @param content   RSS {@code content:encoded}, Atom {@code content}, plain text
     */
    record Item(@Nullable String id, @Nullable String link, @Nullable String title, @Nullable String author,
                @Nullable String published, @Nullable String updated, @Nullable String summary,
                @Nullable String content) {}
}
