package io.connectors.ftest.jira;

import java.time.Duration;

/**
 * What the mock does wrong on purpose, counted over API requests (admin endpoints excluded): every
 * {@code rateLimitEvery}-th request answers 429 with {@code Retry-After: retryAfterSeconds}; requests whose number
 * modulo {@code errorBurstEvery} is below {@code errorBurstLength} answer 500; every request waits {@code latency}.
 * Zero turns a fault off.
 */
public record Faults(int rateLimitEvery, int retryAfterSeconds, int errorBurstEvery, int errorBurstLength, Duration latency) {

    public static final Faults NONE = new Faults(0, 0, 0, 0, Duration.ZERO);

    /** 429 (Retry-After 1 s) every 37th request and a burst of two 500s every 50 requests. */
    public static Faults standard() {
        return new Faults(37, 1, 50, 2, Duration.ZERO);
    }
}
