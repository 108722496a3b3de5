package io.connectors.bench;

/** The bench's assertions: a phase that wrote the wrong number of documents fails the run (non-zero exit). */
final class Check {

    /** A count that is not what the phase must have produced. */
    static final class Failed extends RuntimeException {
        Failed(String message) {
            super(message);
        }
    }

    private Check() {}

    static void equal(String what, long expected, long actual) {
        if (expected != actual) {
            throw new Failed(what + ": expected " + expected + ", got " + actual);
        }
    }

    static void isTrue(String what, boolean condition) {
        if (!condition) {
            throw new Failed(what);
        }
    }
}
