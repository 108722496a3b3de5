/**
 * An example source plugin: the items of RSS 2.0 and Atom feeds, one document each. {@link
 * io.connectors.examples.rss.RssDataSource} is what to sync, {@link io.connectors.examples.rss.FeedParser} reads a
 * feed with the JDK's StAX, {@link io.connectors.examples.rss.Html} turns HTML into plain text.
 */
@NullMarked
package io.connectors.examples.rss;

import org.jspecify.annotations.NullMarked;
