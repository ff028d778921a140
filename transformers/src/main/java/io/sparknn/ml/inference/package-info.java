/** Batch inference inside {@code mapPartitions}: feature reading, mini-batch scoring, predictions. */
package io.sparknn.ml.inference;
