/**
 * Spark glue of distributed training: checks before the training stage (cluster, checkpoint
 * directory, heap, rows per worker), the barrier stage and the one-line report of its failure,
 * rendezvous of the workers, and conversion of DataFrame rows to the engine's arrays.
 */
package io.sparknn.distributed.spark;
