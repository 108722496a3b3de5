/**
 * The Source SPI: what a third-party data source implements and declares to plug into the framework.
 *
 * <p>This package is the public contract with source authors. It depends on nothing but the JDK,
 * Reactor, SLF4J and JSpecify, so that a source compiles against it alone; the framework adapts it
 * to its internals, never the other way round.
 *
 * <p>A source declares its settings once as a {@link io.connectors.api.config.ConfigSchema} of
 * {@link io.connectors.api.config.ConfigField}s. That single declaration parses and validates the
 * raw values Elastic or Kibana stored ({@link io.connectors.api.config.ConfigSchema#resolve}), writes
 * the {@code configuration} object of Elastic's connector document
 * ({@link io.connectors.api.config.ConfigSchema#toConnectorDocument}) and renders its own reference
 * documentation ({@link io.connectors.api.config.ConfigSchema#markdown}).
 *
 * <p>Everything here is null-marked: a type is non-null unless annotated
 * {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package io.connectors.api.source;

import io.connectors.api.config.ConfigField;
import io.connectors.api.config.ConfigSchema;
import org.jspecify.annotations.NullMarked;
