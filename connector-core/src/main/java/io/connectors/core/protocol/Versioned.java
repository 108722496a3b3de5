package io.connectors.core.protocol;

/**
 * A control-index document with the sequence number and primary term it was read at, so a write can be made
 * conditional on nobody having changed it since (optimistic concurrency: the basis of exactly-once claims).
 */
public record Versioned<T>(String id, long seqNo, long primaryTerm, T doc) {}
