package io.connectors.core.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.Refresh;
import io.connectors.api.sink.ExistingIds;
import io.connectors.core.json.Json;
import io.connectors.testkit.elasticsearch.ElasticsearchExtension;
import io.connectors.testkit.elasticsearch.IndexProbe;
import io.connectors.testkit.elasticsearch.TestElasticsearch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The existing-ids reader picks the cheapest way an index allows, and every way reads every id and marker. */
@ExtendWith(ElasticsearchExtension.class)
class ExistingIdsReaderIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(1);
    private static final int PAGE = 7;

    private static TestElasticsearch es;
    private static IndexProbe probe;

    @BeforeAll
    static void connect(TestElasticsearch elasticsearch) {
        es = elasticsearch;
        probe = new IndexProbe(es.url());
    }

    @AfterAll
    static void disconnect() {
        probe.close();
    }

    private static ExistingIdsReader reader() {
        return new ExistingIdsReader(probe.asyncClient(), PAGE, Json.mapper().getFactory());
    }

    private static void put(String index, String id, Map<String, Object> source) {
        try {
            probe.client().index(i -> i.index(index).id(id).document(source).refresh(Refresh.True));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> document(String id, String timestamp) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("id", id);
        source.put("_timestamp", timestamp);
        source.put("title", "document " + id);
        return source;
    }

    private static String marker(int i) {
        return "2026-01-01T00:00:0" + i % 10 + "Z";
    }

    private static void assertAllCurrent(ExistingIds ids, int count, java.util.function.IntFunction<String> marker) {
        assertThat(ids.size()).isEqualTo(count);
        for (int i = 0; i < count; i++) {
            assertThat(ids.check("doc-" + i, marker.apply(i))).as("doc-" + i).isEqualTo(ExistingIds.Status.UNCHANGED);
        }
        assertThat(ids.unseenCount()).isZero();
    }

    @Test
    void indexOfTheTemplate_readsIdsAndMarkersFromDocValues_acrossPages() {
        String index = es.uniqueIndex("ids-template");
        new IndexTemplate(probe.asyncClient()).ensureIndex(index).block(TIMEOUT);
        for (int i = 0; i < 3 * PAGE + 4; i++) {
            put(index, "doc-" + i, document("doc-" + i, marker(i)));
        }

        assertThat(reader().access(index).block(TIMEOUT)).extracting(ExistingIdsReader.Access::idDocValues, ExistingIdsReader.Access::timestampDocValues)
                .containsExactly("id", "_timestamp");
        assertAllCurrent(reader().read(index).block(TIMEOUT), 3 * PAGE + 4, ExistingIdsReaderIT::marker);
    }

    @Test
    void largeIndex_isReadInParallelSlices_eachIdExactlyOnce() throws IOException {
        String index = es.uniqueIndex("ids-sliced");
        new IndexTemplate(probe.asyncClient()).ensureIndex(index).block(TIMEOUT);
        int count = 40 * PAGE + 3;
        probe.client().bulk(b -> {
            for (int i = 0; i < count; i++) {
                String id = "doc-" + i;
                b.operations(o -> o.index(op -> op.index(index).id(id).document(document(id, marker(Integer.parseInt(id.substring(4)))))));
            }
            return b.refresh(Refresh.True);
        });

        assertThat(reader().slices(count)).isEqualTo(ExistingIdsReader.MAX_SLICES);
        // a slice read twice or missed would show as a wrong size or an unseen / new id
        assertAllCurrent(reader().read(index).block(TIMEOUT), count, ExistingIdsReaderIT::marker);
    }

    @Test
    void indexOfTheTemplate_withADocumentSomeoneWroteWithoutId_readsUnderscoreId_soThatDocumentIsNotMissed() {
        String index = es.uniqueIndex("ids-foreign-document");
        new IndexTemplate(probe.asyncClient()).ensureIndex(index).block(TIMEOUT);
        for (int i = 0; i < 10; i++) {
            put(index, "doc-" + i, document("doc-" + i, marker(i)));
        }
        put(index, "written-elsewhere", Map.of("_timestamp", "2026-01-01T00:00:00Z"));

        assertThat(reader().access(index).block(TIMEOUT)).extracting(ExistingIdsReader.Access::idDocValues, ExistingIdsReader.Access::timestampDocValues)
                .containsExactly(null, "_timestamp");
        ExistingIds ids = reader().read(index).block(TIMEOUT);
        assertThat(ids.size()).isEqualTo(11);
        assertThat(ids.contains("written-elsewhere")).isTrue();
    }

    @Test
    void indexCreatedElsewhere_withDynamicMapping_readsUnderscoreIdAndTheTimestampKeywordSubField() {
        String index = es.uniqueIndex("ids-dynamic");
        // not a date (dynamic mapping would make that a date): text with a keyword sub-field
        java.util.function.IntFunction<String> version = i -> "version " + i;
        for (int i = 0; i < 2 * PAGE; i++) {
            put(index, "doc-" + i, document("doc-" + i, version.apply(i)));
        }

        assertThat(reader().access(index).block(TIMEOUT)).extracting(ExistingIdsReader.Access::idDocValues, ExistingIdsReader.Access::timestampDocValues)
                .containsExactly(null, "_timestamp.keyword");
        assertAllCurrent(reader().read(index).block(TIMEOUT), 2 * PAGE, version);
    }

    @Test
    void indexCreatedElsewhere_withADateTimestamp_readsTheMarkerFromTheSource() throws IOException {
        String index = es.uniqueIndex("ids-date");
        probe.client().indices().create(c -> c.index(index).mappings(m -> m.properties("_timestamp", p -> p.date(d -> d))));
        for (int i = 0; i < PAGE + 1; i++) {
            put(index, "doc-" + i, document("doc-" + i, marker(i)));
        }

        assertThat(reader().access(index).block(TIMEOUT)).extracting(ExistingIdsReader.Access::idDocValues, ExistingIdsReader.Access::timestampDocValues)
                .containsExactly(null, null);
        assertAllCurrent(reader().read(index).block(TIMEOUT), PAGE + 1, ExistingIdsReaderIT::marker);
    }

    @Test
    void emptyIndex_holdsNothing() {
        String index = es.uniqueIndex("ids-empty");
        new IndexTemplate(probe.asyncClient()).ensureIndex(index).block(TIMEOUT);

        assertThat(reader().read(index).block(TIMEOUT).size()).isZero();
    }
}
