package io.connectors.core.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.indices.IndicesStatsResponse;
import io.connectors.api.sink.SinkOperation;
import io.connectors.api.sink.WriteResult;
import io.connectors.core.json.Json;
import io.connectors.testkit.elasticsearch.ElasticsearchExtension;
import io.connectors.testkit.elasticsearch.IndexProbe;
import io.connectors.testkit.elasticsearch.TestElasticsearch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Items a bulk answer throttled (429) are sent again alone, on the bulk retry policy's schedule, until the cluster
 * accepts them; the items it accepted are not sent twice. The throttling is the real node's: an index with
 * {@code index.blocks.read_only_allow_delete} (what the flood-stage disk watermark sets) answers each write item 429
 * and still accepts deletes.
 */
@ExtendWith(ElasticsearchExtension.class)
class ElasticsearchSinkThrottledItemsIT {

    @Test
    void write_itemsThrottledUntilTheBlockIsLifted_onlyThoseAreResent_andAllEndWritten(TestElasticsearch es) {
        String index = es.uniqueIndex("throttled-items");
        try (IndexProbe probe = new IndexProbe(es.url())) {
            var client = probe.client();
            // one shard, no replica, removed at the end: the shared test node has a shard limit
            client.indices().create(c -> c.index(index).settings(st -> st.numberOfShards("1").numberOfReplicas("0")));
            client.index(i -> i.index(index).id("a").document(Map.of("title", "old")).refresh(Refresh.True));
            block(probe, index, true);
            // 5 retries, 300, 600, 900 ... ms apart: the block is lifted during the second wait
            ElasticsearchSink sink = new ElasticsearchSink(probe.asyncClient(), index,
                    new BulkSettings(100, 5L << 20, 1, 5, Duration.ofMillis(300)), Json.mapper());
            Mono<Void> liftTheBlock = Mono.delay(Duration.ofMillis(500)).publishOn(Schedulers.boundedElastic())
                    .doOnNext(tick -> block(probe, index, false)).then();

            long start = System.nanoTime();
            AtomicLong writtenAfterNanos = new AtomicLong();
            Flux<WriteResult> written = sink.write(Flux.just(new SinkOperation.Delete("a"),
                            new SinkOperation.Upsert("b", Map.of("id", "b", "title", "new"), false),
                            new SinkOperation.Upsert("c", Map.of("id", "c", "title", "new"), false)))
                    .doOnComplete(() -> writtenAfterNanos.set(System.nanoTime() - start));
            List<WriteResult> results = liftTheBlock.then(Mono.<WriteResult>empty()).mergeWith(written)
                    .collectList().block(Duration.ofMinutes(1));

            assertThat(results).hasSize(3).allSatisfy(result -> assertThat(result.success()).as(String.valueOf(result.error())).isTrue());
            assertThat(Duration.ofNanos(writtenAfterNanos.get())).as("re-sent after 300 ms (still blocked), then after 600 more")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(850));
            assertThat(probe.document(index, "a")).isEmpty();
            assertThat(probe.document(index, "b")).isPresent();
            assertThat(probe.document(index, "c")).isPresent();
            var indexing = primaries(probe, index).indexing();
            assertThat(indexing.deleteTotal()).as("the accepted delete was not sent again").isEqualTo(1);
            assertThat(indexing.indexTotal()).as("a, then b and c once each").isEqualTo(3);
            client.indices().delete(d -> d.index(index));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void block(IndexProbe probe, String index, boolean on) {
        try {
            probe.client().indices().putSettings(p -> p.index(index).settings(s -> s.blocks(b -> b.readOnlyAllowDelete(on))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static co.elastic.clients.elasticsearch.indices.stats.IndexStats primaries(IndexProbe probe, String index) throws IOException {
        IndicesStatsResponse stats = probe.client().indices().stats(s -> s.index(index).metric(co.elastic.clients.elasticsearch._types.CommonStatsFlag.Indexing));
        return stats.indices().get(index).primaries();
    }
}
