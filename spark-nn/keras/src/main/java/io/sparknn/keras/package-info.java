/**
 * Import of Keras models into spark-nn: {@link io.sparknn.keras.KerasModelImporter} reads a Keras 3
 * archive ({@code .keras}) or a legacy HDF5 file ({@code .h5}) into a
 * {@link io.sparknn.model.SavedNetwork}, converting Keras' channels-last layouts to the engine's
 * channels-first ones. Anything the engine cannot compute identically is refused with an error
 * naming the layer.
 */
package io.sparknn.keras;
