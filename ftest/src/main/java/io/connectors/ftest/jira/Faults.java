package io.connectors.ftest.jira;

import java.time.Duration;

/**
 * What the mock does wrong on purpose, counted over API requests (admin endpoints excluded): every
 * {@code rateLimitEvery}-th request answers 429 with {@code Retry-After: retryAfterSeconds}; requests whose number
 * modulo {@code errorBurstEvery} is below {@code errorBurstLength} answer 500; every request waits {@code latency}.
 * Issue searches after the first {@code searchFaultAfter} ones answer as {@code searchFault} says (see
 * {@link SearchFault}). Every {@code timeoutEvery}-th request gets no answer at all: the mock holds it for
 * {@code timeoutAfter}, then closes the connection without a response (a client with a shorter read timeout times
 * out first; otherwise it sees the connection closed before a response, as behind a gateway that gave up). Zero (or
 * {@link SearchFault#NONE}) turns a fault off. Which request a fault hits is set by the count, so with concurrent
 * requests it falls on whichever request arrives n-th: in effect at random.
 */
public record Faults(int rateLimitEvery, int retryAfterSeconds, int errorBurstEvery, int errorBurstLength, Duration latency,
                     SearchFault searchFault, int searchFaultAfter, int timeoutEvery, Duration timeoutAfter) {

    public static final Faults NONE = new Faults(0, 0, 0, 0, Duration.ZERO);

    public Faults {
        if (timeoutEvery < 0 || timeoutAfter.isNegative()) {
            throw new IllegalArgumentException("timeoutEvery and timeoutAfter must not be negative");
        }
    }

    public Faults(int rateLimitEvery, int retryAfterSeconds, int errorBurstEvery, int errorBurstLength, Duration latency,
                  SearchFault searchFault, int searchFaultAfter) {
        this(rateLimitEvery, retryAfterSeconds, errorBurstEvery, errorBurstLength, latency, searchFault, searchFaultAfter, 0, Duration.ZERO);
    }

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

    /** These faults, and every {@code every}-th request unanswered for {@code after}, then its connection closed. */
    public Faults withTimeouts(int every, Duration after) {
        return new Faults(rateLimitEvery, retryAfterSeconds, errorBurstEvery, errorBurstLength, latency, searchFault,
                searchFaultAfter, every, after);
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
