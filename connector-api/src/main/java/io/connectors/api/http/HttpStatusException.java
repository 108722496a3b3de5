package io.connectors.api.http;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** The server answered with a status that is not a success: {@link #decision()} says what kind of failure. */
public final class HttpStatusException extends SourceHttpException {

    private static final int MAX_EXCERPT = 300;

    private final int status;
    private final String responseBody;
    private final @Nullable Duration retryAfter;

    public HttpStatusException(String method, String path, int status, String responseBody, @Nullable Duration retryAfter) {
        this(method, path, status, responseBody, retryAfter, 1);
    }

    private HttpStatusException(String method, String path, int status, String responseBody,
                                @Nullable Duration retryAfter, int attempts) {
        super(method, path, attempts, describe(method, path, status, responseBody), null);
        this.status = status;
        this.responseBody = responseBody;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public StatusDecision decision() {
        return StatusDecision.of(status);
    }

    /** The response body as text (possibly cut), for a caller that understands the server's error shape. */
    public String responseBody() {
        return responseBody;
    }

    /** The wait a 429 or 503 asked for through {@code Retry-After}, if it did. */
    public @Nullable Duration retryAfter() {
        return retryAfter;
    }

    @Override
    public boolean retriable() {
        return decision().retriable();
    }

    @Override
    public SourceHttpException withAttempts(int attempts) {
        return new HttpStatusException(method(), path(), status, responseBody, retryAfter, attempts);
    }

    private static String describe(String method, String path, int status, String body) {
        StringBuilder message = new StringBuilder(method).append(' ').append(path).append(" answered ")
                .append(status).append(reason(status));
        switch (StatusDecision.of(status)) {
            case AUTHENTICATION -> message.append(status == 401
                    ? ": the credentials were refused; check the user name and password or token"
                    : ": the account lacks permission for this resource; check its permissions");
            case NOT_FOUND -> message.append(": not there (check the URL and that the resource exists)");
            case THROTTLED -> message.append(": rate limited");
            default -> { }
        }
        String excerpt = body.strip().replaceAll("\\s+", " ");
        if (!excerpt.isEmpty()) {
            message.append("; server said: ")
                    .append(excerpt.length() > MAX_EXCERPT ? excerpt.substring(0, MAX_EXCERPT) + "..." : excerpt);
        }
        return message.toString();
    }

    private static String reason(int status) {
        String phrase = switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 413 -> "Payload Too Large";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "";
        };
        return phrase.isEmpty() ? "" : " " + phrase;
    }
}
