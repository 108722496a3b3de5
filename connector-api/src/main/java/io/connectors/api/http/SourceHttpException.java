package io.connectors.api.http;


import io.connectors.api.ConnectorException;
import org.jspecify.annotations.Nullable;

/**
 * A request of a {@link SourceHttpClient} failed. The message names the method and URL path (never the query, which
 * may carry tokens, and never a header) and says what happened; {@link #attempts()} says how many times the request
 * was sent.
 */
public abstract sealed class SourceHttpException extends ConnectorException
        permits HttpStatusException, HttpTransportException {

    private final String method;
    private final String path;
    private final int attempts;

    SourceHttpException(String method, String path, int attempts, String message, @Nullable Throwable cause) {
        super(message + (attempts > 1 ? " (gave up after " + attempts + " attempts)" : ""), cause);
        this.method = method;
        this.path = path;
        this.attempts = attempts;
    }

    /** The HTTP method, e.g. {@code GET}. */
    public String method() {
        return method;
    }

    /** The URL path of the request, without query. */
    public String path() {
        return path;
    }

    /** How many times the request was sent before this error was final. */
    public int attempts() {
        return attempts;
    }

    /** Whether sending the request again may succeed. */
    public abstract boolean retriable();

    /** The same error, recording that the request was sent {@code attempts} times (for the runtime's retry policy). */
    public abstract SourceHttpException withAttempts(int attempts);
}
