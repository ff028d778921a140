/**
 * Networks as a user writes and runs them: immutable {@link io.sparknn.nn.NetworkSpec}s of
 * {@link io.sparknn.nn.LayerSpec}s (Keras-like, with a JSON form; dense, activation, dropout,
 * convolution, pooling, reshaping, embedding, recurrent and batch-normalization layers), and the
 * runtime {@link io.sparknn.nn.Network} whose layers are views into one flat parameter array,
 * one flat gradient array and one flat state array (non-trainable running statistics). Each
 * spec builds its runtime layers from {@code io.sparknn.nn.layer}, which never depends on this
 * package.
 */
package io.sparknn.nn;
