package io.connectors.core.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.connectors.api.sink.SyncKind;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A document of {@code .elastic-connectors-sync-jobs}, with Elastic's field names. {@code connector} is the
 * snapshot of the connector taken when the job was created: the job runs with that configuration.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SyncJob(
        JobConnector connector,
        @Nullable String jobType,
        @Nullable String triggerMethod,
        @Nullable JobStatus status,
        @Nullable String createdAt,
        @Nullable String startedAt,
        @Nullable String lastSeen,
        @Nullable String completedAt,
        @Nullable String canceledAt,
        @Nullable String cancelationRequestedAt,
        @Nullable String workerHostname,
        @Nullable Long indexedDocumentCount,
        @Nullable Double indexedDocumentVolume,
        @Nullable Long deletedDocumentCount,
        @Nullable Long totalDocumentCount,
        @Nullable String error,
        @Nullable Map<String, Object> metadata) {

    /** The job type; a job without one is a full sync, as in Elastic's service. */
    public SyncKind kind() {
        return jobType == null ? SyncKind.FULL : SyncKind.fromWire(jobType);
    }

    /** The connector snapshot of a job. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record JobConnector(
            String id,
            @Nullable Map<String, Object> configuration,
            @Nullable Object filtering,
            @Nullable String indexName,
            @Nullable String language,
            @Nullable Object pipeline,
            @Nullable String serviceType,
            @Nullable Object syncCursor) {

        public Map<String, Object> configurationOrEmpty() {
            return configuration == null ? Map.of() : configuration;
        }

        /** The sync rules active when the job was created. */
        public io.connectors.api.source.Filtering activeFiltering() {
            return FilteringReader.active(filtering);
        }

        /** The cursor the job starts from: an object, or empty. */
        @SuppressWarnings("unchecked")
        public Map<String, Object> cursorOrEmpty() {
            return syncCursor instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        }
    }
}
