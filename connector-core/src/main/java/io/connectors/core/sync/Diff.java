package io.connectors.core.sync;

import io.connectors.api.sink.ExistingIds;
import io.connectors.api.source.SourceChange;
import io.connectors.api.source.SourceDocument;
import reactor.core.publisher.Flux;

/**
 * The decision of a sync, apart from any I/O: from what the target holds and what the source streams, what to
 * create, update, skip and remove. Removals come only after the source stream completed: an error or a cancel
 * upstream means no {@link Change.Remove} is ever emitted.
 */
final class Diff {

    private Diff() {}

    static Flux<Change> full(ExistingIds existing, Flux<SourceDocument> documents) {
        return documents
                .<Change>map(document -> switch (existing.check(document.id(), document.timestamp())) {
                    case NEW -> new Change.Create(document);
                    case CHANGED -> new Change.Update(document);
                    case UNCHANGED -> new Change.Unchanged(document.id());
                })
                .concatWith(Flux.defer(() -> Flux.fromIterable(existing.unseen()).map(Change.Remove::new)));
    }

    static Flux<Change> incremental(Flux<SourceChange> changes) {
        return changes.map(change -> switch (change) {
            case SourceChange.Upsert upsert -> new Change.Update(upsert.document());
            case SourceChange.Delete delete -> new Change.Remove(delete.id());
        });
    }
}
