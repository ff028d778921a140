/**
 * The engine's model file: the versioned binary format of the {@code data/} part of a saved
 * model and of training checkpoints. {@link io.sparknn.model.ModelFile} owns the byte layout;
 * {@link io.sparknn.model.ModelFileContents} is what a file holds (spec JSON, flat weights and
 * optional optimizer state, training state and named buffers).
 */
package io.sparknn.model;
