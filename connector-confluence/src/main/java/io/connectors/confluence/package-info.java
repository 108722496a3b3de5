/**
 * The Confluence source: Cloud, Server and Data Center through REST API v1 (spaces, CQL content search, attachments).
 * See docs/confluence.md.
 */
@NullMarked
package io.connectors.confluence;

import org.jspecify.annotations.NullMarked;
