package io.connectors.api.source;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a source's notification (a webhook whose signature the runtime already verified) asks the runtime to do, as
 * the source read it with {@link DataSource#readEvent}. The runtime never acts on the body itself: it asks the source
 * for the subject's current documents ({@link DataSource#refresh}), so the newest state wins whatever order the
 * notifications arrive in.
 *
 * @param type       the source's own name of the event (e.g. {@code jira:issue_updated}), for logs and metrics
 * @param subject    what the event is about, stable for one item (e.g. the id): events of one subject are
 *                   coalesced, and one subject is never refreshed twice at once; empty when {@code action} is
 *                   {@link Action#IGNORE}
 * @param label      how people name the subject (e.g. an issue key), for the log line; may equal {@code subject}
 * @param action     what to do
 * @param removedIds document ids that no longer exist (deleted before, or instead of, the refresh)
 */
public record SourceEvent(String type, String subject, String label, Action action, List<String> removedIds) {

    /** What an event asks for. */
    public enum Action {
        /** Fetch the subject's current documents and write them (after deleting {@code removedIds}). */
        REFRESH,
        /** The subject is gone: delete {@code removedIds}, fetch nothing. */
        REMOVE,
        /** Acknowledged and ignored (an event type the source does not index). */
        IGNORE
    }

    public SourceEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(action, "action");
        removedIds = List.copyOf(removedIds);
        if (action != Action.IGNORE && subject.isEmpty()) {
            throw new IllegalArgumentException("an event to act on needs a subject");
        }
    }

    public static SourceEvent refresh(String type, String subject, String label) {
        return new SourceEvent(type, subject, label, Action.REFRESH, List.of());
    }

    public static SourceEvent remove(String type, String subject, String label, List<String> removedIds) {
        return new SourceEvent(type, subject, label, Action.REMOVE, removedIds);
    }

    public static SourceEvent ignore(String type) {
        return new SourceEvent(type, "", "", Action.IGNORE, List.of());
    }

    public SourceEvent withRemovedIds(List<String> ids) {
        return new SourceEvent(type, subject, label, action, ids);
    }

    /**
     * This event and a later one of the same subject as one: a removal stays a removal (a source never reuses the id
     * of a removed item, so nothing can come back after it), otherwise a refresh; the ids to delete add up.
     */
    public SourceEvent merge(SourceEvent later) {
        Set<String> ids = new LinkedHashSet<>(removedIds);
        ids.addAll(later.removedIds);
        Action merged = action == Action.REMOVE || later.action == Action.REMOVE ? Action.REMOVE
                : action == Action.REFRESH || later.action == Action.REFRESH ? Action.REFRESH : Action.IGNORE;
        return new SourceEvent(later.type, later.subject.isEmpty() ? subject : later.subject,
                later.label.isEmpty() ? label : later.label, merged, List.copyOf(ids));
    }
}
