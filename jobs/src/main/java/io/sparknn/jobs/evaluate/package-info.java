/**
 * The evaluate job: the metrics of a saved PipelineModel on one pinned version of a labelled
 * Delta table, written as the same metrics JSON the train job writes (job "evaluate").
 */
package io.sparknn.jobs.evaluate;
