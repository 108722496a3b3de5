package io.connectors.core.es;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
import co.elastic.clients.transport.rest5_client.low_level.ResponseException;
import io.connectors.api.http.StatusDecision;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Reads what an Elasticsearch client failure means: its HTTP status, whether to retry, and a message to show. */
public final class ElasticsearchErrors {

    /** The status used for failures that never got an HTTP answer (connection refused, reset, timed out). */
    public static final int NO_ANSWER = -1;

    private ElasticsearchErrors() {}

    public static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** The HTTP status of the failure, {@link #NO_ANSWER} for I/O failures, 0 when it is not an HTTP failure at all. */
    public static int status(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof ElasticsearchException es) {
            return es.status();
        }
        if (e instanceof TransportException te) {
            if (te.statusCode() > 0) {
                return te.statusCode();
            }
            return te.getCause() instanceof ResponseException re ? re.getResponse().getStatusCode() : NO_ANSWER;
        }
        if (e instanceof ResponseException re) {
            return re.getResponse().getStatusCode();
        }
        if (e instanceof IOException) {
            return NO_ANSWER;
        }
        return 0;
    }

    /** Throttling, 5xx and no answer at all are worth another try; everything else is not. */
    public static boolean retriable(Throwable error) {
        int status = status(error);
        return status == NO_ANSWER || (status > 0 && StatusDecision.of(status).retriable());
    }

    /**
     * The {@code Retry-After} header of the failed answer (what a proxy in front of the cluster sends, sometimes
     * Elasticsearch itself); null when there is none or the failure carries no answer.
     */
    public static @org.jspecify.annotations.Nullable String retryAfterHeader(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof ResponseException response) {
                return response.getResponse().getHeader("Retry-After");
            }
        }
        return null;
    }

    public static boolean isNotFound(Throwable error) {
        return status(error) == 404;
    }

    /** A one-line description: status and Elasticsearch's reason, no request content. */
    public static String describe(Throwable error) {
        return io.connectors.api.http.RedactedUrl.of(describeUnredacted(error)); // a host URL may carry user:pass@
    }

    private static String describeUnredacted(Throwable error) {
        Throwable e = unwrap(error);
        int status = status(e);
        if (e instanceof ElasticsearchException es && es.error() != null) {
            return "HTTP " + status + " " + es.error().type() + ": " + es.error().reason();
        }
        if (status == NO_ANSWER) {
            return "no answer from Elasticsearch (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
        }
        return status > 0 ? "HTTP " + status + ": " + e.getMessage() : e.toString();
    }
}
