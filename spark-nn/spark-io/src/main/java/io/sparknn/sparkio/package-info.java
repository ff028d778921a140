/**
 * What training and scoring share at the boundary with Spark and Hadoop: {@link
 * io.sparknn.sparkio.FeatureReader} turns a features column of Spark rows into floats, and {@link
 * io.sparknn.sparkio.AtomicFile} writes model files and checkpoints on any Hadoop FileSystem. Code
 * that differs between Spark versions belongs here too, so the other modules do not.
 */
package io.sparknn.sparkio;
