/**
 * The score job: a saved PipelineModel applied to one pinned version of a Delta table, the
 * predictions written to another Delta table in one transaction (overwrite, idempotent append
 * or replaceWhere), so that a killed run changes nothing and a re-run gives the same table.
 */
package io.sparknn.jobs.score;
