/**
 * Benchmark commands ({@code bin/spark-nn bench ...}): each prints progress and ends with one
 * {@code RESULT key=value ...} line for run-to-run comparison.
 */
package io.sparknn.bench;
