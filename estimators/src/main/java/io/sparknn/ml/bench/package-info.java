/** Benchmarks of the Spark ML API ({@code bin/spark-nn bench inference}). */
package io.sparknn.ml.bench;
