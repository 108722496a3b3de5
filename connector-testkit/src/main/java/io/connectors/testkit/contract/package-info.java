/**
 * The contract kit: checks that a source keeps the promises the sync engine relies on, by running it through the
 * real engine into a real Elasticsearch.
 */
@NullMarked
package io.connectors.testkit.contract;

import org.jspecify.annotations.NullMarked;
