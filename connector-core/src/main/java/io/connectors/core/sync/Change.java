package io.connectors.core.sync;

import io.connectors.api.source.SourceDocument;

/** What the diff decided for one id. */
sealed interface Change {

    /** The target does not hold the document yet. */
    record Create(SourceDocument document) implements Change {}

    /** The target holds an older version (or, in an incremental sync, may hold one). */
    record Update(SourceDocument document) implements Change {}

    /** The target's copy is current: nothing to download or write. */
    record Unchanged(String id) implements Change {}

    /** The source no longer has the document. */
    record Remove(String id) implements Change {}
}
