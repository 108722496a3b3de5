/**
 * The daemon's {@code config.yml}: Elastic's layout and defaults, loaded by {@link io.connectors.core.config.ConfigLoader}
 * into {@link io.connectors.core.config.ConnectorsConfig}.
 *
 * <p>Every key is defined once, in {@code ConfigKeys}: the loader validates against that table, builds the records from it,
 * and {@code ConfigReference} renders the repository's {@code config.yml} and {@code docs/configuration.md} from it.
 *
 * <p>Units are Elastic's: durations are seconds in the file and {@link java.time.Duration} in the records,
 * {@code *_mem_size} keys are MiB, file sizes are bytes.
 */
@NullMarked
package io.connectors.core.config;

import org.jspecify.annotations.NullMarked;
