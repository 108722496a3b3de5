/**
 * Jackson records of the Jira REST API answers this connector reads, for Cloud (v3) and Server/Data Center (v2).
 * Only the fields used are declared; everything else in an answer is ignored. Field names are Jira's.
 */
@NullMarked
package io.connectors.jira.model;

import org.jspecify.annotations.NullMarked;
