/**
 * Shared fixtures for the tests of the Spark modules: one SparkSession per test JVM ({@link
 * io.sparknn.testkit.SparkExtension}, {@link io.sparknn.testkit.TestSpark}), the small Spark tables
 * the tests train and score on, and the command line of a child JVM. Test scope only; never in a
 * product jar.
 */
package io.sparknn.testkit;
