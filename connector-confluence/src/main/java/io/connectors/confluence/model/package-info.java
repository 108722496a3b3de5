/**
 * Jackson records of the Confluence REST API v1 answers this connector reads (the same on Cloud and
 * Server/Data Center). Only the fields used are declared; field names are Confluence's.
 */
@NullMarked
package io.connectors.confluence.model;

import org.jspecify.annotations.NullMarked;
