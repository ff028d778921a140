/**
 * spark-nn's Spark ML API: fitted network models (this module) and the estimators that train
 * them (spark-nn-estimators), with the data they share ({@link io.sparknn.ml.LearnedNetwork},
 * {@link io.sparknn.ml.TrainingSummary}).
 */
package io.sparknn.ml;
