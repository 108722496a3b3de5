package io.connectors.core.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SupportedTypesTest {

    @ParameterizedTest
    @CsvSource({"report.PDF,pdf", "a.b.docx,docx", "dir.d/README,''", ".bashrc,''", "trailing.,''", "C:\\x.y\\file,''"})
    void extension_variousNames_lowerCaseAfterTheLastDot(String name, String extension) {
        assertThat(SupportedTypes.extension(name)).isEqualTo(extension);
    }

    @Test
    void isSupported_documentsYes_archivesAndMediaNo() {
        assertThat(SupportedTypes.isSupported("a.pdf")).isTrue();
        assertThat(SupportedTypes.isSupported("a.XLSX")).isTrue();
        assertThat(SupportedTypes.isSupported("a.zip")).isFalse();
        assertThat(SupportedTypes.isSupported("a.tar.gz")).isFalse();
        assertThat(SupportedTypes.isSupported("a.png")).isFalse();
        assertThat(SupportedTypes.isSupported("a.mp4")).isFalse();
        assertThat(SupportedTypes.isSupported("Makefile")).isFalse();
    }

    @Test
    void extensions_allListedInTheDocs() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "extraction.md"));

        assertThat(SupportedTypes.EXTENSIONS).allSatisfy(extension -> assertThat(docs).contains("`" + extension + "`"));
    }
}
