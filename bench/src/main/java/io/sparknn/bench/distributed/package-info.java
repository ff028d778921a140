/**
 * Benchmarks of distributed training ({@code bin/spark-nn bench allreduce|scaling|forecast}): the ring
 * all-reduce between plain worker JVMs or Spark executors, training on local-cluster with executor
 * JVMs, and the forecast of step times at larger scale from those measurements.
 */
package io.sparknn.bench.distributed;
