package io.connectors.ftest.jira;

import java.time.Duration;

/**
 * What the mock does wrong on purpose, counted over API requests (admin endpoints excluded): every
 * {@code rateLimitEvery}-th request answers 429 with {@code Retry-After: retryAfterSeconds}; requests whose number
 * modulo {@code errorBurstEvery} is below {@code errorBurstLength} answer 500; every request waits {@code latency}.
 * Issue searches after the first {@code searchFaultAfter} ones answer as {@code searchFault} says (see
 * {@link SearchFault}). Zero (or {@link SearchFault#NONE}) turns a fault off.
 */
public record Faults(int rateLimitEvery, int retryAfterSeconds, int errorBurstEvery, int errorBurstLength, Duration latency,
                     SearchFault searchFault, int searchFaultAfter) {

    public static final Faults NONE = new Faults(0, 0, 0, 0, Duration.ZERO);

    public Faults(int rateLimitEvery, int retryAfterSeconds, int errorBurstEvery, int errorBurstLength, Duration latency) {
        this(rateLimitEvery, retryAfterSeconds, errorBurstEvery, errorBurstLength, latency, SearchFault.NONE, 0);
    }

    /** 429 (Retry-After 1 s) every 37th request and a burst of two 500s every 50 requests. */
    public static Faults standard() {
        return new Faults(37, 1, 50, 2, Duration.ZERO);
    }

    /** Only {@code fault}, on every issue search after the first {@code after}. */
    public static Faults search(SearchFault fault, int after) {
        return new Faults(0, 0, 0, 0, Duration.ZERO, fault, after);
    }

    /** How an issue search answers wrongly: the ways a source can look like "no data" while it has some. */
    public enum SearchFault {
        NONE,
        /** 404 with Jira's error body. */
        NOT_FOUND,
        /** 410 Gone, as Cloud answers the removed search API. */
        GONE,
        /** 200 with an empty body. */
        EMPTY_BODY,
        /** 200 with the first half of the JSON body. */
        TRUNCATED_BODY,
        /** 200 without {@code total} (Server) or without {@code nextPageToken} and {@code isLast} (Cloud). */
        NO_PAGING,
        /** A page after the first answers the first page again: {@code startAt} 0, or the token it was asked with. */
        STUCK_PAGING
    }
}
