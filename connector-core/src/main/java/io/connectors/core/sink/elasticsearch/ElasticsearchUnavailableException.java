package io.connectors.core.sink.elasticsearch;

import io.connectors.api.ConnectorException;

/** Elasticsearch could not be reached, or kept refusing, after every retry. Nothing is deleted after this. */
public final class ElasticsearchUnavailableException extends ConnectorException {
    public ElasticsearchUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
