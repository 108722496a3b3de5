package io.connectors.core.retry;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/** The wait before a retry when the server did not say how long to wait ({@code Retry-After}). Immutable. */
public sealed interface Backoff {

    /**
     * The wait before retry number {@code retryIndex + 1} ({@code retryIndex} counts from 0); {@code random} in [0, 1]
     * draws the jitter, if any.
     */
    Duration delay(long retryIndex, DoubleSupplier random);

    /** {@code interval × (n + 1)}: 10, 20, 30 ... s for 10 s, Elastic's linear backoff ({@code RetryStrategy.LINEAR_BACKOFF}). */
    static Backoff linear(Duration interval) {
        return new Linear(interval);
    }

    /** {@code initial × multiplier^n}, at most {@code max}, no jitter. */
    static Exponential exponential(Duration initial, double multiplier, Duration max) {
        return new Exponential(initial, multiplier, Duration.ZERO, max, 0);
    }

    record Linear(Duration interval) implements Backoff {
        public Linear {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("a retry interval must not be negative, got " + interval);
            }
        }

        @Override
        public Duration delay(long retryIndex, DoubleSupplier random) {
            return interval.multipliedBy(Math.min(retryIndex, Integer.MAX_VALUE) + 1);
        }
    }

    /**
     * {@code initial × multiplier^n}, then capped at {@code max}; with {@code jitter} j in [0, 1] the wait is
     * {@code (1 - j) × that + random × j × that} (0.5 is "equal jitter": half fixed, half random), and never below
     * {@code min}.
     */
    record Exponential(Duration initial, double multiplier, Duration min, Duration max, double jitter) implements Backoff {
        public Exponential {
            if (initial.isNegative() || min.isNegative() || max.isNegative() || multiplier < 1 || jitter < 0 || jitter > 1) {
                throw new IllegalArgumentException("an exponential backoff needs waits >= 0, a multiplier >= 1 and a jitter"
                        + " in [0, 1], got " + initial + " x " + multiplier + " in [" + min + ", " + max + "] jitter " + jitter);
            }
        }

        /** The same schedule with {@code share} of each wait random. */
        public Exponential withJitter(double share) {
            return new Exponential(initial, multiplier, min, max, share);
        }

        /** The same schedule, never waiting less than {@code floor}. */
        public Exponential atLeast(Duration floor) {
            return new Exponential(initial, multiplier, floor, max, jitter);
        }

        @Override
        public Duration delay(long retryIndex, DoubleSupplier random) {
            double grown = initial.toMillis() * Math.pow(multiplier, Math.min(retryIndex, 1_000));
            long capped = grown >= max.toMillis() ? max.toMillis() : Math.round(grown);
            long fixed = capped - Math.round(capped * jitter);
            long wait = fixed + Math.round(random.getAsDouble() * (capped - fixed));
            return Duration.ofMillis(Math.max(wait, min.toMillis()));
        }
    }
}
