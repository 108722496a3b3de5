package io.connectors.api.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ExistingIdsTest {

    @Test
    void check_tellsNewChangedAndUnchanged_andUnseenListsTheRest() {
        ExistingIds ids = ExistingIds.builder(4)
                .add("a", "t1").add("b", "t1").add("c", "t1").add("ünïcødé-id", "t1")
                .build();

        assertThat(ids.check("a", "t1")).isEqualTo(ExistingIds.Status.UNCHANGED);
        assertThat(ids.check("b", "t2")).isEqualTo(ExistingIds.Status.CHANGED);
        assertThat(ids.check("z", "t1")).isEqualTo(ExistingIds.Status.NEW);
        assertThat(ids.check("ünïcødé-id", "t1")).isEqualTo(ExistingIds.Status.UNCHANGED);

        List<String> unseen = new ArrayList<>();
        ids.unseen().forEach(unseen::add);
        assertThat(unseen).containsExactly("c");
        assertThat(ids.unseenCount()).isEqualTo(1);
    }

    @Test
    void empty_knowsNothing() {
        ExistingIds ids = ExistingIds.empty();
        assertThat(ids.check("a", "t")).isEqualTo(ExistingIds.Status.NEW);
        assertThat(ids.unseen()).isEmpty();
        assertThat(ids.size()).isZero();
    }

    @Test
    void longIds_useMultiByteLengths() {
        String longId = "x".repeat(300);
        ExistingIds ids = ExistingIds.builder(1).add(longId, "t").add("short", "t").build();
        assertThat(ids.check(longId, "t")).isEqualTo(ExistingIds.Status.UNCHANGED);
        assertThat(ids.contains("x".repeat(299))).isFalse();
        assertThat(ids.unseen()).containsExactly("short");
    }

    /**
     * One million ids of about 20 characters fit in at most 64 bytes each: 21 bytes of length-prefixed UTF-8, a
     * 4-byte offset, an 8-byte marker hash, at most 8 bytes of hash table (load between 0.375 and 0.75) and one bit
     * of seen-set. A String per id would take about 64 bytes for the String and its array alone, before any map.
     */
    @Test
    void memory_oneMillionIdsOfTwentyCharacters_staysUnder64BytesPerId() {
        int count = 1_000_000;
        ExistingIds.Builder builder = ExistingIds.builder(1024);
        for (int i = 0; i < count; i++) {
            builder.add(String.format("PROJ-%08d-abcdefg", i), "2026-01-01T00:00:00.000Z");
        }
        ExistingIds ids = builder.build();

        double bytesPerId = (double) ids.memoryBytes() / count;
        LoggerFactory.getLogger(ExistingIdsTest.class).info("existing ids: {} ids in {} bytes = {} bytes per id",
                count, ids.memoryBytes(), String.format("%.1f", bytesPerId));

        assertThat(bytesPerId).isLessThanOrEqualTo(64.0);
        assertThat(ids.check("PROJ-00123456-abcdefg", "2026-01-01T00:00:00.000Z")).isEqualTo(ExistingIds.Status.UNCHANGED);
        assertThat(ids.check("PROJ-00999999-abcdefg", "other")).isEqualTo(ExistingIds.Status.CHANGED);
        assertThat(ids.unseenCount()).isEqualTo(count - 2);
    }

    @Test
    void agreed_idHeldAlikeByEveryPart_isUnchanged_otherwiseChangedOrNew_andUnseenIsTheUnion() {
        ExistingIds elasticsearch = ExistingIds.builder(3).add("a", "t1").add("b", "t1").add("c", "t1").build();
        ExistingIds qbusiness = ExistingIds.builder(3).add("a", "t1").add("b", "t0").add("d", "t1").build();

        ExistingIds agreed = ExistingIds.agreed(java.util.List.of(elasticsearch, qbusiness));

        assertThat(agreed.size()).isEqualTo(4);
        assertThat(agreed.check("a", "t1")).isEqualTo(ExistingIds.Status.UNCHANGED);
        assertThat(agreed.check("b", "t1")).isEqualTo(ExistingIds.Status.CHANGED);
        assertThat(agreed.check("c", "t1")).isEqualTo(ExistingIds.Status.CHANGED);
        assertThat(agreed.check("x", "t1")).isEqualTo(ExistingIds.Status.NEW);
        assertThat(agreed.unseen()).containsExactly("d");
        assertThat(elasticsearch.unseenCount()).isEqualTo(3);
    }

    @Test
    void agreed_onePart_isACopyWithTheSameMarkers() {
        ExistingIds only = ExistingIds.builder(2).add("a", "t1").add("b", "t2").build();

        ExistingIds agreed = ExistingIds.agreed(java.util.List.of(only));

        assertThat(agreed.check("a", "t1")).isEqualTo(ExistingIds.Status.UNCHANGED);
        assertThat(agreed.check("b", "t1")).isEqualTo(ExistingIds.Status.CHANGED);
        assertThat(only.unseenCount()).isEqualTo(2);
    }
}
