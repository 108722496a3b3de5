package io.connectors.api.http;

/** No usable answer: the connection failed, timed out, or broke midway. */
public final class HttpTransportException extends SourceHttpException {

    private final boolean retriable;

    public HttpTransportException(String method, String path, Throwable cause, boolean retriable) {
        this(method, path, cause, retriable, 1);
    }

    private HttpTransportException(String method, String path, Throwable cause, boolean retriable, int attempts) {
        super(method, path, attempts, method + " " + path + " failed: " + describe(cause)
                + (retriable ? "" : " (a TLS problem: check the URL, ssl_enabled and ssl_ca)"), cause);
        this.retriable = retriable;
    }

    /** I/O errors and timeouts are retriable; a failed TLS handshake (untrusted certificate) is not. */
    @Override
    public boolean retriable() {
        return retriable;
    }

    @Override
    public SourceHttpException withAttempts(int attempts) {
        return new HttpTransportException(method(), path(), getCause() == null ? this : getCause(), retriable, attempts);
    }

    private static String describe(Throwable cause) {
        String text = cause.getMessage();
        return cause.getClass().getSimpleName() + (text == null || text.isBlank() ? "" : ": " + text);
    }
}
