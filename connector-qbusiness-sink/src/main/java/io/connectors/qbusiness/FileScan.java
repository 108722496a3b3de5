package io.connectors.qbusiness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * One streamed pass over an original file: its SHA-256 (for the state's checksum) and, when asked, whether it is valid
 * UTF-8. Reads 64 KiB at a time, never the whole file. Blocking: call it off the event loop.
 *
 * @param sha256 hex
 * @param utf8   whether every byte decoded as UTF-8 (true when not checked)
 */
record FileScan(String sha256, long bytes, boolean utf8) {

    private static final int CHUNK = 64 * 1024;

    static FileScan of(Path file, boolean checkUtf8) throws IOException {
        MessageDigest digest = DocumentMapper.sha256();
        CharsetDecoder decoder = checkUtf8 ? StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT) : null;
        ByteBuffer pending = ByteBuffer.allocate(CHUNK + 8);
        CharBuffer scratch = CharBuffer.allocate(CHUNK + 8);
        boolean utf8 = true;
        long total = 0;
        byte[] chunk = new byte[CHUNK];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read = in.read(chunk); read >= 0; read = in.read(chunk)) {
                digest.update(chunk, 0, read);
                total += read;
                if (decoder != null && utf8) {
                    pending.put(chunk, 0, read).flip();
                    utf8 = decode(decoder, pending, scratch, false);
                    pending.compact(); // a multi-byte sequence cut at the chunk's end waits for the next chunk
                }
            }
        }
        if (decoder != null && utf8) {
            pending.flip();
            utf8 = decode(decoder, pending, scratch, true) && !decoder.flush(scratch.clear()).isError();
        }
        return new FileScan(HexFormat.of().formatHex(digest.digest()), total, utf8);
    }

    private static boolean decode(CharsetDecoder decoder, ByteBuffer in, CharBuffer scratch, boolean end) {
        while (true) {
            scratch.clear();
            CoderResult result = decoder.decode(in, scratch, end);
            if (result.isError()) {
                return false;
            }
            if (result.isUnderflow()) {
                return true;
            }
        }
    }
}
