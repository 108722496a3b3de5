package io.connectors.testkit.elasticsearch;

import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** The Elasticsearch a test talks to (see {@link ElasticsearchHarness}), shared by all tests of a JVM. */
public final class TestElasticsearch {

    private static final AtomicLong COUNTER = new AtomicLong();
    private static final String SUFFIX_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";
    /** Leaves room for the counter and suffix below the 255-byte limit of index names. */
    private static final int MAX_PREFIX = 200;

    private final String url;
    private final String source;

    TestElasticsearch(String url, String source) {
        Objects.requireNonNull(url, "url");
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.source = Objects.requireNonNull(source, "source");
    }

    /** The base URL, such as {@code http://127.0.0.1:9200} (no trailing slash). */
    public String url() {
        return url;
    }

    /** How it was found: {@code ELASTICSEARCH_URL}, {@code testcontainers} or {@code local node}. */
    public String source() {
        return source;
    }

    /**
     * An index name no other call returns, so tests sharing the node never see each other's data:
     * {@code prefix-<counter>-<random>}, lower case, with characters Elasticsearch refuses replaced by {@code -}.
     */
    public String uniqueIndex(String prefix) {
        String clean = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-").replaceFirst("^[-_.+]+", "");
        if (clean.isEmpty()) {
            clean = "test";
        }
        if (clean.length() > MAX_PREFIX) {
            clean = clean.substring(0, MAX_PREFIX);
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder name = new StringBuilder(clean).append('-').append(COUNTER.incrementAndGet()).append('-');
        for (int i = 0; i < 6; i++) {
            name.append(SUFFIX_CHARS.charAt(random.nextInt(SUFFIX_CHARS.length())));
        }
        return name.toString();
    }

    @Override
    public String toString() {
        return "TestElasticsearch[" + url + " from " + source + "]";
    }
}
