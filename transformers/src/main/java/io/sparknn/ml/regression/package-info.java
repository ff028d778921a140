/**
 * Neural-network regression for Spark ML: the fitted model here, the estimator
 * ({@code NeuralNetworkRegressor}) in spark-nn-estimators.
 */
package io.sparknn.ml.regression;
