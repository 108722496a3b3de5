/**
 * The shared HTTP client of sources: one {@link io.connectors.core.http.SourceHttpClient} per connector, built from an
 * immutable {@link io.connectors.core.http.HttpClientSettings}, with connection pooling, timeouts, TLS with a custom
 * CA, Basic and Bearer auth, and one retry policy ({@link io.connectors.core.http.StatusDecision} decides what an
 * answer means). Errors are {@link io.connectors.core.http.SourceHttpException}s naming method, path and status,
 * never a credential.
 */
@NullMarked
package io.connectors.core.http;

import org.jspecify.annotations.NullMarked;
