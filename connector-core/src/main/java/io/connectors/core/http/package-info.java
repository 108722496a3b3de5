/**
 * The shared HTTP client of sources: one {@link io.connectors.core.http.NettySourceHttpClient} per connector, built from an
 * immutable {@link io.connectors.api.http.HttpClientSettings}, with connection pooling, timeouts, TLS with a custom
 * CA, Basic and Bearer auth, and one retry policy ({@link io.connectors.api.http.StatusDecision} decides what an
 * answer means). Errors are {@link io.connectors.api.http.SourceHttpException}s naming method, path and status,
 * never a credential.
 */
@NullMarked
package io.connectors.core.http;

import io.connectors.api.http.HttpClientSettings;
import io.connectors.api.http.SourceHttpException;
import io.connectors.api.http.StatusDecision;
import org.jspecify.annotations.NullMarked;
