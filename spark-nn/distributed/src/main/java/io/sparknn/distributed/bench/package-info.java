/** Benchmarks of distributed training that need Spark (local-cluster with executor JVMs). */
package io.sparknn.distributed.bench;
