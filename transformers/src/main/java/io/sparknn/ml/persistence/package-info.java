/**
 * Saving and loading network models the Spark ML way: {@code metadata/} through Spark's
 * DefaultParamsWriter/Reader and {@code data/model.spnn} in the engine's model file format.
 */
package io.sparknn.ml.persistence;
