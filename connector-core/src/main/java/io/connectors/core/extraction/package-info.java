/**
 * Attachments: bounded downloads and text extraction.
 *
 * <p>{@link io.connectors.core.extraction.TikaExtractor} turns a source document's lazy
 * {@link io.connectors.api.source.Attachment} into an {@link io.connectors.core.extraction.AttachmentOutcome}: text
 * and metadata, or the reason it was skipped. The engine calls it only for new and changed documents, at most
 * {@code concurrent_downloads} at once; {@link io.connectors.core.extraction.ExtractionSettings} holds the limits.
 * docs/extraction.md describes the limits, the supported types and how a hostile file is contained.
 *
 * <p>Everything here is null-marked: a type is non-null unless annotated
 * {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package io.connectors.core.extraction;

import org.jspecify.annotations.NullMarked;
