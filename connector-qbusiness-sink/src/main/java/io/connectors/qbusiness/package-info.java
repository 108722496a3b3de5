/**
 * The Amazon Q Business sink: documents mapped to BatchPutDocument, deletes through BatchDeleteDocument, signed with
 * SigV4 over Reactor Netty, and a state store in Elasticsearch (Q Business cannot be listed with checksums).
 */
@NullMarked
package io.connectors.qbusiness;

import org.jspecify.annotations.NullMarked;
