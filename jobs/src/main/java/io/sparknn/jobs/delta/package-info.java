/**
 * Delta Lake input and output of the jobs: pinned-snapshot reads with provenance (table and
 * version) and single-transaction writes (overwrite, idempotent append, replaceWhere).
 */
package io.sparknn.jobs.delta;
