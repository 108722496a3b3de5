package io.connectors.api.source;

/** One change an incremental sync applies: a document created or updated, or a document gone. */
public sealed interface SourceChange {

    String id();

    /** The document is new or changed since the cursor. */
    record Upsert(SourceDocument document) implements SourceChange {
        @Override
        public String id() {
            return document.id();
        }
    }

    /** The document with this id no longer exists in the source. */
    record Delete(String id) implements SourceChange {}

    static SourceChange upsert(SourceDocument document) {
        return new Upsert(document);
    }

    static SourceChange delete(String id) {
        return new Delete(id);
    }
}
