/**
 * Networks: immutable {@link io.sparknn.nn.NetworkSpec}s of {@link io.sparknn.nn.LayerSpec}s
 * (Keras-like, with a JSON form; dense, activation, dropout, convolution, pooling, reshaping and
 * batch-normalization layers), and the runtime {@link io.sparknn.nn.Network} whose layers are
 * views into one flat parameter array, one flat gradient array and one flat state array
 * (non-trainable running statistics).
 */
package io.sparknn.nn;
