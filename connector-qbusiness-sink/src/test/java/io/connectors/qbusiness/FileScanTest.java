package io.connectors.qbusiness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileScanTest {

    @TempDir
    Path temp;

    @Test
    void of_anyFile_sha256OfItsBytesAndItsSize() throws IOException {
        byte[] bytes = new byte[200_001];
        Arrays.fill(bytes, (byte) 7);
        Path file = Files.write(temp.resolve("a.bin"), bytes);

        FileScan scan = FileScan.of(file, false);

        assertThat(scan.sha256()).isEqualTo(DocumentMapper.sha256(bytes));
        assertThat(scan.bytes()).isEqualTo(bytes.length);
        assertThat(scan.utf8()).isTrue();
    }

    @Test
    void of_utf8WithMultiByteCharactersAcrossChunkEdges_isUtf8() throws IOException {
        // 3-byte characters over several 64 KiB chunks: some are cut at a chunk's end
        Path file = Files.writeString(temp.resolve("a.txt"), "€".repeat(100_000), StandardCharsets.UTF_8);

        assertThat(FileScan.of(file, true).utf8()).isTrue();
    }

    @Test
    void of_latin1Text_isNotUtf8() throws IOException {
        Path file = Files.write(temp.resolve("a.txt"), "caf\u00e9 cr\u00e8me".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(FileScan.of(file, true).utf8()).isFalse();
    }

    @Test
    void of_truncatedMultiByteAtTheEnd_isNotUtf8() throws IOException {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(temp.resolve("a.txt"), Arrays.copyOf(euro, 2));

        assertThat(FileScan.of(file, true).utf8()).isFalse();
    }
}
