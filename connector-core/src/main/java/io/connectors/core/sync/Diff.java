package io.connectors.core.sync;

import io.connectors.api.sink.ExistingIds;
import io.connectors.api.source.SourceChange;
import io.connectors.api.source.SourceDocument;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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

    /** Ids per {@code fetch} call: one Jira search page holds 100 whole issues, a batch of 50 stays well inside it. */
    static final int FETCH_BATCH = 50;
    /** Listed entries held at most before they move on, however few of them changed: bounds memory on a no-op resync. */
    static final int LISTING_CHUNK = 1_000;
    /** Fetch calls in flight at once: enough to overlap the source's latency, few enough to stay polite. */
    static final int FETCHES_IN_FLIGHT = 4;

    /**
     * A full sync from a light listing: each listed id is checked against the target; unchanged ones pass as
     * {@link Change.Unchanged}; new and changed ones are collected into batches of {@link #FETCH_BATCH} and fetched
     * whole, and only what the fetch returns becomes a {@link Change.Create} or {@link Change.Update} (an id that
     * vanished meanwhile is simply absent; an id not asked for is dropped). Removals, as in {@link #full}, come only
     * after the listing and every fetch completed.
     */
    static Flux<Change> listed(ExistingIds existing, Flux<SourceDocument> listing,
                               Function<List<String>, Flux<SourceDocument>> fetch) {
        return Flux.defer(() -> {
                    ChunkCutter cutter = new ChunkCutter();
                    return listing
                            .map(listed -> decide(existing, listed))
                            .bufferUntil(cutter::ends)
                            .flatMap(chunk -> resolve(chunk, fetch), FETCHES_IN_FLIGHT, 1);
                })
                .concatWith(Flux.defer(() -> Flux.fromIterable(existing.unseen()).map(Change.Remove::new)));
    }

    /** What {@link #listed} decides, without fetching: the listed documents themselves stand for the changes. */
    static Flux<Change> listedPlan(ExistingIds existing, Flux<SourceDocument> listing) {
        return full(existing, listing);
    }

    private static Change decide(ExistingIds existing, SourceDocument document) {
        return switch (existing.check(document.id(), document.timestamp())) {
            case NEW -> new Change.Create(document);
            case CHANGED -> new Change.Update(document);
            case UNCHANGED -> new Change.Unchanged(document.id());
        };
    }

    private static Flux<Change> resolve(List<Change> chunk, Function<List<String>, Flux<SourceDocument>> fetch) {
        List<Change> unchanged = new ArrayList<>();
        Map<String, Boolean> wanted = new HashMap<>();
        for (Change change : chunk) {
            switch (change) {
                case Change.Create create -> wanted.put(create.document().id(), false);
                case Change.Update update -> wanted.put(update.document().id(), true);
                default -> unchanged.add(change);
            }
        }
        if (wanted.isEmpty()) {
            return Flux.fromIterable(unchanged);
        }
        List<String> ids = List.copyOf(wanted.keySet());
        Flux<Change> fetched = Flux.defer(() -> fetch.apply(ids))
                .<Change>handle((document, sink) -> {
                    Boolean existed = wanted.remove(document.id());
                    if (existed != null) {
                        sink.next(existed ? new Change.Update(document) : new Change.Create(document));
                    }
                });
        return Flux.fromIterable(unchanged).concatWith(fetched);
    }

    /** Ends a chunk of the listing at {@link #FETCH_BATCH} new or changed ids, or at {@link #LISTING_CHUNK} entries. */
    private static final class ChunkCutter {
        private int entries;
        private int toFetch;

        boolean ends(Change change) {
            entries++;
            if (!(change instanceof Change.Unchanged)) {
                toFetch++;
            }
            if (toFetch >= FETCH_BATCH || entries >= LISTING_CHUNK) {
                entries = 0;
                toFetch = 0;
                return true;
            }
            return false;
        }
    }

    /**
     * An event's changes: {@code removed} ids deleted first, then the refreshed documents decided against the target's
     * markers of those ids alone ({@code existing}), so an unchanged attachment is neither downloaded nor written.
     */
    static Flux<Change> event(List<String> removed, List<SourceDocument> refreshed, ExistingIds existing) {
        return Flux.fromIterable(removed).<Change>map(Change.Remove::new)
                .concatWith(Flux.fromIterable(refreshed).map(document -> decide(existing, document)));
    }

    static Flux<Change> incremental(Flux<SourceChange> changes) {
        return changes.map(change -> switch (change) {
            case SourceChange.Upsert upsert -> new Change.Update(upsert.document());
            case SourceChange.Delete delete -> new Change.Remove(delete.id());
        });
    }
}
