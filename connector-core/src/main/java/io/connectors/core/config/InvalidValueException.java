package io.connectors.core.config;

/** A value the loader rejects; becomes a {@link ConfigProblem} at the value's key and line. Never carries a secret. */
final class InvalidValueException extends Exception {

    private static final long serialVersionUID = 1L;

    InvalidValueException(String message) {
        // expected control flow while validating: no stack trace needed
        super(message, null, false, false);
    }
}
