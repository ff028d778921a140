/**
 * Benchmarks of distributed training ({@code bin/spark-nn bench allreduce|scaling}): the ring all-reduce
 * between plain worker JVMs or Spark executors, and training on local-cluster with executor JVMs.
 */
package io.sparknn.bench.distributed;
