package io.connectors.qbusiness;

import io.connectors.api.ConnectorException;

/**
 * Q Business answered with an error. {@link #errorType()} is the {@code X-Amzn-ErrorType} (e.g.
 * {@code ThrottlingException}); {@link #kind()} is what the sink does about it.
 */
final class QBusinessException extends ConnectorException {

    /** What an error type means for a sync. */
    enum Kind {
        /** Throttling, an internal error, a transport failure: sent again with backoff. */
        RETRYABLE,
        /** The request (so each of its documents) was invalid: counted per document, the sync goes on. */
        INVALID,
        /** Access denied, a missing resource, a quota, bad credentials: the sync fails and deletes nothing. */
        FATAL,
        /** A sync job is already running on the data source (409): waited on, with a bound. */
        CONFLICT
    }

    private final int status;
    private final String errorType;

    QBusinessException(String operation, int status, String errorType, String message) {
        super(operation + " failed: HTTP " + status + " " + errorType + (message.isEmpty() ? "" : ": " + message)
                + hint(errorType));
        this.status = status;
        this.errorType = errorType;
    }

    int status() {
        return status;
    }

    String errorType() {
        return errorType;
    }

    Kind kind() {
        return kindOf(status, errorType);
    }

    static Kind kindOf(int status, String errorType) {
        return switch (errorType) {
            case "ThrottlingException", "InternalServerException", "ServiceUnavailableException" -> Kind.RETRYABLE;
            case "ValidationException" -> Kind.INVALID;
            case "ConflictException" -> Kind.CONFLICT;
            case "AccessDeniedException", "ResourceNotFoundException", "ServiceQuotaExceededException",
                 "UnrecognizedClientException", "InvalidSignatureException", "ExpiredTokenException",
                 "IncompleteSignatureException", "MissingAuthenticationTokenException" -> Kind.FATAL;
            default -> status == 429 || status >= 500 ? Kind.RETRYABLE : status == 409 ? Kind.CONFLICT : Kind.FATAL;
        };
    }

    private static String hint(String errorType) {
        return switch (errorType) {
            case "AccessDeniedException" -> " (the credentials lack a qbusiness permission: see docs/qbusiness.md, IAM)";
            case "ResourceNotFoundException" -> " (check qbusiness.application_id, qbusiness.index_id and qbusiness.data_source_id)";
            case "ServiceQuotaExceededException" -> " (the index is full: raise its capacity or remove documents)";
            case "UnrecognizedClientException", "InvalidSignatureException", "ExpiredTokenException" ->
                    " (check the AWS credentials and qbusiness.region)";
            default -> "";
        };
    }
}
