/**
 * Spark glue of distributed training: cluster checks, the barrier stage, rendezvous of the
 * workers, and conversion of DataFrame rows to the engine's arrays.
 */
package io.sparknn.distributed.spark;
