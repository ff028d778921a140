/**
 * In-memory labelled samples ({@link io.sparknn.data.LabeledSamples}: features, labels and
 * optional weights, named so as not to be mistaken for Spark's {@code Dataset}) and the
 * Fashion-MNIST IDX reader (the demo, tests and benchmarks read it).
 */
package io.sparknn.data;
