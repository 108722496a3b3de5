package io.connectors.qbusiness;

import java.util.List;

/**
 * One document of a BatchPutDocument call, as the API names its members.
 *
 * @param id          at most {@link DocumentMapper#MAX_ID_LENGTH} characters
 * @param title       at most {@link DocumentMapper#MAX_TITLE_LENGTH} characters
 * @param blob        the content, base64 on the wire
 * @param contentType {@code PLAIN_TEXT} for extracted text
 * @param attributes  {@code _source_uri}, {@code _created_at}, ... and the source's own
 * @param allowed     who may read it ({@code accessConfiguration}); empty: the source gave no permissions, and the
 *                    document is sent without an access configuration
 * @param checksum    SHA-256 (hex) over everything above: what the state store compares
 */
record QDocument(String id, String title, byte[] blob, String contentType, List<Attribute> attributes,
                 List<Permissions.Principal> allowed, String checksum) {

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
