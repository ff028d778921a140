/**
 * Synchronous data-parallel SGD: the worker loop with a sharded optimizer, batch plans and
 * checkpoints. Spark-specific code lives in {@code .spark}, the collectives in {@code .collective}.
 */
package io.sparknn.distributed;
