package io.connectors.bench;

import io.connectors.api.config.ConfigSchema;
import io.connectors.api.source.DataSource;
import io.connectors.api.source.Filtering;
import io.connectors.api.source.SourceChange;
import io.connectors.api.source.SourceDocument;
import io.connectors.core.runtime.RuntimeSourceContext;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

/**
 * The in-memory Jira-like source of the engine phases: streams the {@link Corpus} as it stands after the change
 * rounds applied so far, and, incrementally, the changes of the rounds after a cursor ({@code {"round": r}}).
 * Counts attachment downloads, which a no-op resync must not start.
 */
final class BenchSource extends DataSource {

    static final String CURSOR_KEY = "round";

    private final Corpus corpus;
    private final AtomicLong downloads = new AtomicLong();
    private volatile int round;
    private volatile int cursorRound;

    BenchSource(Corpus corpus, int round) {
        super(ConfigSchema.of().resolve(Map.of()), RuntimeSourceContext.of("bench"));
        this.corpus = corpus;
        this.round = round;
    }

    /** Applies the change rounds up to {@code value}: what the next sync sees. */
    void round(int value) {
        if (value < 0 || value > Corpus.ROUNDS.size()) {
            throw new IllegalArgumentException("round " + value + " of " + Corpus.ROUNDS.size());
        }
        round = value;
    }

    int round() {
        return round;
    }

    long downloads() {
        return downloads.get();
    }

    void resetDownloads() {
        downloads.set(0);
    }

    @Override
    public reactor.core.publisher.Mono<Void> ping() {
        return reactor.core.publisher.Mono.empty();
    }

    @Override
    public Flux<SourceDocument> docs(Filtering filtering) {
        return Flux.defer(() -> {
            int current = round;
            cursorRound = current;
            return Flux.range(0, corpus.size())
                    .filter(number -> !Corpus.deleted(number, current))
                    .map(number -> corpus.document(number, Corpus.revision(number, current), n -> downloads.incrementAndGet()));
        });
    }

    @Override
    public boolean supportsIncremental() {
        return true;
    }

    @Override
    public Flux<SourceChange> docsIncrementally(Map<String, Object> cursor, Filtering filtering) {
        return Flux.defer(() -> {
            Object since = cursor.get(CURSOR_KEY);
            if (!(since instanceof Number number)) {
                return docs(filtering).map(SourceChange::upsert);
            }
            int current = round;
            cursorRound = current;
            return Flux.range(number.intValue() + 1, Math.max(0, current - number.intValue()))
                    .concatMap(r -> Flux.concat(
                            Flux.fromStream(corpus.changedIn(r).boxed())
                                    .map(n -> SourceChange.upsert(corpus.document(n, Corpus.revision(n, current), x -> downloads.incrementAndGet()))),
                            Flux.fromStream(corpus.deletedIn(r).boxed()).map(n -> SourceChange.delete(Corpus.id(n)))));
        });
    }

    @Override
    public Map<String, Object> syncCursor() {
        return Map.of(CURSOR_KEY, cursorRound);
    }
}
