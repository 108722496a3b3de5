package io.connectors.api.http;

/**
 * What to do with an HTTP status: the one table every client here (sources, Elasticsearch, Q Business) follows.
 */
public enum StatusDecision {
    /** 2xx and 3xx handled by the client: use the answer. */
    SUCCESS,
    /** 429: the server asks us to slow down; wait (honouring Retry-After when given), then retry. */
    THROTTLED,
    /** 408, 500, 502, 503, 504: transient; retry with backoff. */
    RETRY,
    /** 401, 403: credentials are wrong or lack permission; retrying will not help. */
    AUTHENTICATION,
    /** 404, 410: the thing asked for is not there. */
    NOT_FOUND,
    /** Any other 4xx or 5xx: a permanent failure of this request. */
    FAIL;

    public static StatusDecision of(int status) {
        return switch (status) {
            case 429 -> THROTTLED;
            case 408, 500, 502, 503, 504 -> RETRY;
            case 401, 403 -> AUTHENTICATION;
            case 404, 410 -> NOT_FOUND;
            default -> status >= 200 && status < 400 ? SUCCESS : FAIL;
        };
    }

    /** Whether a request that got this answer may succeed when sent again. */
    public boolean retriable() {
        return this == THROTTLED || this == RETRY;
    }
}
