package io.connectors.qbusiness;

import io.connectors.api.sink.OriginalFile;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One document of a BatchPutDocument call, as the API names its members.
 *
 * @param id          at most {@link DocumentMapper#MAX_ID_LENGTH} characters
 * @param title       at most {@link DocumentMapper#MAX_TITLE_LENGTH} characters
 * @param blob        the content, base64 on the wire; empty when {@code original} is the content
 * @param contentType {@code PLAIN_TEXT} for extracted text, the file's type ({@code PDF}, {@code MS_WORD}, ...) for an
 *                    original file
 * @param original    the attachment's original file, sent as the content instead of {@code blob}; read (and base64
 *                    encoded) only when its batch is sent, so batches waiting hold a path, not the bytes
 * @param attributes  {@code _source_uri}, {@code _created_at}, ... and the source's own
 * @param allowed     who may read it ({@code accessConfiguration}); empty: the source gave no permissions, and the
 *                    document is sent without an access configuration
 * @param checksum    SHA-256 (hex) over everything above: what the state store compares
 */
record QDocument(String id, String title, byte[] blob, String contentType, @Nullable OriginalFile original,
                 List<Attribute> attributes, List<Permissions.Principal> allowed, String checksum) {

    /** The content's size in bytes before base64: the original file's, else the blob's. */
    long contentBytes() {
        return original != null ? original.size() : blob.length;
    }

    /** A document attribute: exactly one of the value kinds is set. */
    sealed interface Attribute {
        String name();
    }

    record StringAttribute(String name, String value) implements Attribute {}

    record StringListAttribute(String name, List<String> value) implements Attribute {}

    record LongAttribute(String name, long value) implements Attribute {}

    /** A date, sent as epoch seconds (the REST-JSON protocol's timestamp format). */
    record DateAttribute(String name, java.time.Instant value) implements Attribute {}
}
