package io.connectors.core.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.connectors.api.sink.SyncKind;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A document of {@code .elastic-connectors}, with Elastic's field names. Only the fields this service reads are
 * modelled; writes are partial updates, so every other field (Kibana's, Elastic's) is left as it is.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Connector(
        @Nullable String name,
        @Nullable String indexName,
        @Nullable String serviceType,
        @Nullable ConnectorStatus status,
        @Nullable Map<String, Object> configuration,
        @Nullable Map<String, Schedule> scheduling,
        @Nullable Object filtering,
        @Nullable Object features,
        @Nullable Object syncCursor,
        @Nullable String language,
        @Nullable Object pipeline,
        @Nullable String lastSeen,
        @Nullable String lastSyncStatus,
        @Nullable String lastSynced,
        @Nullable String lastSyncError,
        @Nullable String error,
        @Nullable Boolean deleted,
        @Nullable String lastSyncScheduledAt,
        @Nullable String lastIncrementalSyncScheduledAt,
        @Nullable String lastAccessControlSyncScheduledAt) {

    public Map<String, Object> configurationOrEmpty() {
        return configuration == null ? Map.of() : configuration;
    }

    /** The active sync rules. */
    public io.connectors.api.source.Filtering activeFiltering() {
        return FilteringReader.active(filtering);
    }

    /** The draft sync rules, which Kibana's editor writes and this service validates and activates. */
    public io.connectors.api.source.Filtering draftFiltering() {
        return FilteringReader.draft(filtering);
    }

    /** Whether Kibana changed the draft since it was last validated ({@code validation.state: edited}). */
    public boolean draftEdited() {
        return "edited".equals(FilteringReader.draftState(filtering));
    }

    /** {@code filtering} with the draft's validation written, and the draft made active when {@code promote}. */
    public java.util.List<Object> filteringWithDraftValidated(Map<String, Object> validation, boolean promote) {
        return FilteringReader.withDraftValidated(filtering, validation, promote);
    }

    public boolean isDeleted() {
        return Boolean.TRUE.equals(deleted);
    }

    public Schedule schedule(SyncKind kind) {
        Schedule schedule = scheduling == null ? null : scheduling.get(kind.wireName());
        return schedule == null ? new Schedule(false, null) : schedule;
    }

    /** The field holding when a job of this kind was last scheduled (Elastic's names). */
    public static String lastScheduledField(SyncKind kind) {
        return switch (kind) {
            case FULL -> "last_sync_scheduled_at";
            case INCREMENTAL -> "last_incremental_sync_scheduled_at";
            case ACCESS_CONTROL -> "last_access_control_sync_scheduled_at";
        };
    }

    public @Nullable String lastScheduledAt(SyncKind kind) {
        return switch (kind) {
            case FULL -> lastSyncScheduledAt;
            case INCREMENTAL -> lastIncrementalSyncScheduledAt;
            case ACCESS_CONTROL -> lastAccessControlSyncScheduledAt;
        };
    }
}
