/**
 * The runtime side of a network: the {@link io.sparknn.nn.layer.Layer} implementations that a
 * {@code io.sparknn.nn} spec builds (forward and backward passes on views of the flat weight,
 * gradient and state arrays), the kernels they run on (im2col, convolution geometry, backend
 * convolutions, recurrent gates), and the vocabulary the specs, the layers and the losses share
 * ({@link io.sparknn.nn.layer.Activation}, {@link io.sparknn.nn.layer.Padding},
 * {@link io.sparknn.nn.layer.InvalidNetworkException}). Layers are public only so that the
 * specs can build them; user code goes through {@code NetworkSpec} and {@code Network}.
 */
package io.sparknn.nn.layer;
