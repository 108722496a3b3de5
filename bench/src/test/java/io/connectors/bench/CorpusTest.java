package io.connectors.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.api.source.SourceDocument;
import io.connectors.core.json.Json;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CorpusTest {

    @Test
    void iso_isWhatInstantPrints_forWholeSeconds() {
        for (long seconds : new long[] {0, 1, 59, 86_399, 86_400, 951_782_400L, 1_735_689_600L, 1_767_225_599L, 4_102_444_800L,
                -1, -86_401, 1_709_164_800L /* a 29 February */}) {
            assertThat(Corpus.iso(seconds)).as("%d", seconds).isEqualTo(Instant.ofEpochSecond(seconds).toString());
        }
        for (long seconds = 1_735_689_600L; seconds < 1_735_689_600L + 400L * 86_400; seconds += 86_400 + 3_671) {
            assertThat(Corpus.iso(seconds)).isEqualTo(Instant.ofEpochSecond(seconds).toString());
        }
    }

    @Test
    void documents_areTheSameForTheSameSeed_andAboutOneAndAHalfKilobytesOfJson() throws Exception {
        Corpus one = new Corpus(1_000, 42);
        Corpus other = new Corpus(1_000, 42);
        long bytes = 0;
        for (int n = 0; n < 1_000; n++) {
            assertThat(one.indexed(n, 1)).isEqualTo(other.indexed(n, 1));
            bytes += Json.mapper().writeValueAsBytes(one.indexed(n, 1)).length;
        }
        assertThat(bytes / 1_000.0).isBetween(1_300.0, 1_800.0);
        assertThat(new Corpus(1_000, 43).indexed(5, 1)).isNotEqualTo(one.indexed(5, 1));
        assertThat(one.indexed(5, 2)).isNotEqualTo(one.indexed(5, 1));
        assertThat(one.timestamp(5, 2)).isNotEqualTo(one.timestamp(5, 1));
    }

    @Test
    void attachments_areDownloadedOnlyWhenSubscribed_andEveryTenthDocumentHasOne() {
        Corpus corpus = new Corpus(100, 42);
        AtomicInteger downloads = new AtomicInteger();
        SourceDocument withAttachment = corpus.document(11, 1, n -> downloads.incrementAndGet());
        SourceDocument without = corpus.document(12, 1, n -> downloads.incrementAndGet());

        assertThat(without.attachment()).isNull();
        assertThat(withAttachment.attachment()).isNotNull();
        assertThat(downloads).hasValue(0);
        assertThat(withAttachment.attachment().content().collectList().block()).hasSize(1);
        assertThat(downloads).hasValue(1);
    }

    @Test
    void rounds_changeOnePercentAndDeleteHalfAPercent_disjointly() {
        Corpus corpus = new Corpus(100_000, 42);
        assertThat(corpus.changedIn(1).count()).isEqualTo(1_000);
        assertThat(corpus.deletedIn(1).count()).isEqualTo(500);
        assertThat(corpus.changedIn(2).count()).isEqualTo(1_000);
        assertThat(corpus.deletedIn(2).count()).isEqualTo(500);
        assertThat(corpus.liveCount(2)).isEqualTo(99_000);
        assertThat(corpus.withRevision(1, 2)).isEqualTo(97_000);
        assertThat(corpus.withRevision(3, 2)).isEqualTo(1_000);
        assertThat(corpus.changedIn(1).filter(n -> Corpus.deleted(n, 2))).isEmpty();
        assertThat(corpus.changedIn(2).filter(n -> Corpus.revision(n, 1) != 1)).isEmpty();
    }
}
