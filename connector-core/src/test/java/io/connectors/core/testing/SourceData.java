package io.connectors.core.testing;

import io.connectors.api.source.Attachment;
import io.connectors.api.source.SourceChange;
import io.connectors.api.source.SourceDocument;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A mutable, named set of documents for {@link InMemorySource}: tests add, change and remove documents between
 * syncs, inject failures and delays, and count attachment downloads.
 */
public final class SourceData {

    private static final Map<String, SourceData> REGISTRY = new ConcurrentHashMap<>();

    private final String name;
    private final ConcurrentSkipListMap<String, SourceDocument> documents = new ConcurrentSkipListMap<>();
    private final List<Logged> log = new ArrayList<>();
    private final AtomicLong version = new AtomicLong();
    private final AtomicInteger downloads = new AtomicInteger();
    private final AtomicInteger streams = new AtomicInteger();
    private final AtomicInteger activeStreams = new AtomicInteger();
    private final AtomicInteger maxActiveStreams = new AtomicInteger();
    private volatile int failAfter = -1;
    private volatile Duration delayPerDocument = Duration.ZERO;
    private volatile @Nullable String pingError;
    private volatile boolean listing;
    private final AtomicInteger listings = new AtomicInteger();
    private final AtomicInteger fetchCalls = new AtomicInteger();
    private final AtomicInteger fetchedIds = new AtomicInteger();
    private final AtomicInteger maxFetchBatch = new AtomicInteger();

    private SourceData(String name) {
        this.name = name;
    }

    /** A new, empty, registered store. */
    public static SourceData create(String name) {
        SourceData data = new SourceData(name);
        REGISTRY.put(name, data);
        return data;
    }

    public static SourceData named(String name) {
        SourceData data = REGISTRY.get(name);
        if (data == null) {
            throw new IllegalArgumentException("no in-memory store named '" + name + "'");
        }
        return data;
    }

    public String name() {
        return name;
    }

    /** Adds {@code count} generated documents with ids {@code prefix-0..}; every {@code attachmentEvery}-th has an attachment. */
    public SourceData generate(String prefix, int count, int attachmentEvery) {
        for (int i = 0; i < count; i++) {
            String id = prefix + "-" + i;
            put(document(id, "v1", attachmentEvery > 0 && i % attachmentEvery == 0));
        }
        return this;
    }

    public SourceDocument document(String id, String revision, boolean withAttachment) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("title", "Document " + id);
        fields.put("description", "Revision " + revision + " of " + id + " with some searchable words");
        fields.put("revision", revision);
        SourceDocument document = SourceDocument.of(id, "2026-01-01T00:00:00Z#" + revision, fields);
        return withAttachment ? document.withAttachment(attachment(id, "attachment text of " + id + " " + revision)) : document;
    }

    public Attachment attachment(String id, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Flux<ByteBuffer> content = Flux.defer(() -> {
            downloads.incrementAndGet();
            return Flux.just(ByteBuffer.wrap(bytes));
        });
        return new Attachment(id + ".txt", bytes.length, "text/plain", content);
    }

    /** Adds (or replaces) a generated document {@code id} at {@code revision} that carries {@code attachment}. */
    public SourceData putWithAttachment(String id, String revision, Attachment attachment) {
        put(document(id, revision, false).withAttachment(attachment));
        return this;
    }

    public synchronized void put(SourceDocument document) {
        documents.put(document.id(), document);
        log.add(new Logged(version.incrementAndGet(), SourceChange.upsert(document)));
    }

    /** Changes the revision (and so the change marker and content) of an existing document. */
    public void update(String id, String revision) {
        SourceDocument old = documents.get(id);
        put(document(id, revision, old != null && old.attachment() != null));
    }

    public synchronized void remove(String id) {
        if (documents.remove(id) != null) {
            log.add(new Logged(version.incrementAndGet(), SourceChange.delete(id)));
        }
    }

    public int size() {
        return documents.size();
    }

    public List<String> ids() {
        return List.copyOf(documents.keySet());
    }

    public long version() {
        return version.get();
    }

    /** Makes the stream fail with an error after emitting {@code count} documents (-1: never). */
    public SourceData failAfter(int count) {
        this.failAfter = count;
        return this;
    }

    public SourceData delayPerDocument(Duration delay) {
        this.delayPerDocument = delay;
        return this;
    }

    public SourceData pingError(@Nullable String message) {
        this.pingError = message;
        return this;
    }

    @Nullable String pingError() {
        return pingError;
    }

    /** How many attachment downloads were started since the last reset. */
    public int downloads() {
        return downloads.get();
    }

    public void resetDownloads() {
        downloads.set(0);
    }

    Flux<SourceDocument> stream() {
        List<SourceDocument> snapshot = List.copyOf(documents.values());
        Flux<SourceDocument> flux = Flux.fromIterable(snapshot);
        int fail = failAfter;
        if (fail >= 0) {
            flux = flux.take(fail).concatWith(Mono.error(new IllegalStateException(
                    "source '" + name + "' failed after " + fail + " documents (injected)")));
        }
        Duration delay = delayPerDocument;
        return (delay.isZero() ? flux : flux.delayElements(delay))
                .doOnSubscribe(subscription -> {
                    streams.incrementAndGet();
                    maxActiveStreams.accumulateAndGet(activeStreams.incrementAndGet(), Math::max);
                })
                .doFinally(signal -> activeStreams.decrementAndGet());
    }

    /** Makes {@link InMemorySource} support the light listing ({@code list} + {@code fetch}); off by default. */
    public SourceData listing(boolean enabled) {
        this.listing = enabled;
        return this;
    }

    boolean listing() {
        return listing;
    }

    /** Ids and markers only, in id order; fails like {@link #stream()} when {@link #failAfter} is set. */
    Flux<SourceDocument> list() {
        List<SourceDocument> snapshot = documents.values().stream()
                .map(document -> SourceDocument.of(document.id(), document.timestamp(), Map.of()))
                .toList();
        Flux<SourceDocument> flux = Flux.fromIterable(snapshot);
        int fail = failAfter;
        if (fail >= 0) {
            flux = flux.take(fail).concatWith(Mono.error(new IllegalStateException(
                    "listing of '" + name + "' failed after " + fail + " documents (injected)")));
        }
        return flux.doOnSubscribe(subscription -> listings.incrementAndGet());
    }

    /** The current documents of {@code ids}; ids no longer held are absent. */
    Flux<SourceDocument> fetch(List<String> ids) {
        return Flux.defer(() -> {
            fetchCalls.incrementAndGet();
            fetchedIds.addAndGet(ids.size());
            maxFetchBatch.accumulateAndGet(ids.size(), Math::max);
            return Flux.fromStream(ids.stream().map(documents::get).filter(java.util.Objects::nonNull));
        });
    }

    /** How many listings were subscribed. */
    public int listings() {
        return listings.get();
    }

    /** How many fetch calls, and how many ids they asked for in all. */
    public int fetchCalls() {
        return fetchCalls.get();
    }

    public int fetchedIds() {
        return fetchedIds.get();
    }

    public int maxFetchBatch() {
        return maxFetchBatch.get();
    }

    /** How many full syncs streamed this store. */
    public int streams() {
        return streams.get();
    }

    /** The most syncs that streamed this store at the same time. */
    public int maxConcurrentStreams() {
        return maxActiveStreams.get();
    }

    synchronized List<SourceChange> changesSince(long since) {
        // the latest change per id wins, in version order
        Map<String, Logged> latest = new LinkedHashMap<>();
        for (Logged entry : log) {
            if (entry.version() > since) {
                latest.remove(entry.change().id());
                latest.put(entry.change().id(), entry);
            }
        }
        return latest.values().stream().map(Logged::change).toList();
    }

    private record Logged(long version, SourceChange change) {}

    @Override
    public String toString() {
        return "SourceData[" + name + ", " + documents.size() + " documents, version " + version + ", at " + Instant.now() + "]";
    }
}
