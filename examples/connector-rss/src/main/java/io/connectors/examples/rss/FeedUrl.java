package io.connectors.examples.rss;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A feed's address: an absolute http(s) URL with a host. Its {@link #toString()} leaves the query out, since a
 * private feed's query may carry a token; that is the form errors and documents show.
 */
record FeedUrl(URI uri) {

    /** @throws IllegalArgumentException when {@code text} is not an absolute http(s) URL with a host */
    static FeedUrl parse(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException bad) {
            throw new IllegalArgumentException("feed URL '" + text + "' is not a valid URL: " + bad.getReason(), bad);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("feed URL '" + text + "' is not an http(s) URL with a host");
        }
        return new FeedUrl(uri);
    }

    /** Scheme, host and port: what one HTTP client (and its credentials) serves. */
    String origin() {
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    /** What to ask the origin for. */
    String pathAndQuery() {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    @Override
    public String toString() {
        return origin() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }
}
