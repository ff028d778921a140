/** Benchmarks of the Spark ML API ({@code bin/spark-nn bench inference|soak}). */
package io.sparknn.bench.ml;
