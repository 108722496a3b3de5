package io.connectors.api.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SinkOperationTest {

    private static final OriginalFile FILE = new OriginalFile("a.pdf", "application/pdf", 10, Path.of("/tmp/attachment-1.tmp"));

    @Test
    void upsert_threeArgumentConstructorOfApiOneZero_hasNoOriginal() {
        SinkOperation.Upsert upsert = new SinkOperation.Upsert("a", Map.of("id", "a"), true);

        assertThat(upsert.original()).isNull();
        assertThat(upsert.withoutOriginal()).isSameAs(upsert);
    }

    @Test
    void upsert_withDocument_keepsItsOriginal_withoutOriginal_dropsOnlyThat() {
        SinkOperation.Upsert upsert = new SinkOperation.Upsert("a", Map.of("id", "a", "body", "long text"), false, FILE);

        SinkOperation.Upsert cut = upsert.withDocument(Map.of("id", "a", "body", "long"));
        SinkOperation.Upsert plain = upsert.withoutOriginal();

        assertThat(cut).isEqualTo(new SinkOperation.Upsert("a", Map.of("id", "a", "body", "long"), false, FILE));
        assertThat(plain).isEqualTo(new SinkOperation.Upsert("a", upsert.document(), false));
    }

    @Test
    void originalFile_negativeSize_refused() {
        assertThatThrownBy(() -> new OriginalFile("a.pdf", null, -1, Path.of("x"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("size");
    }
}
