/**
 * Benchmarks of the engine alone, without Spark ({@code bin/spark-nn bench mlp|cnn|lstm|conv|pool|bn}):
 * each prints progress and ends with one {@code RESULT key=value ...} line for run-to-run comparison.
 */
package io.sparknn.bench.engine;
