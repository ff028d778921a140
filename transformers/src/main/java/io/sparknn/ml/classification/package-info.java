/**
 * Neural-network classification for Spark ML: the fitted model here, the estimator
 * ({@code NeuralNetworkClassifier}) in spark-nn-estimators.
 */
package io.sparknn.ml.classification;
