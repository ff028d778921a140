/**
 * Networks: immutable {@link io.sparknn.nn.NetworkSpec}s of {@link io.sparknn.nn.LayerSpec}s
 * (Keras-like, with a JSON form), and the runtime {@link io.sparknn.nn.Network} whose layers are
 * views into one flat parameter array and one flat gradient array.
 */
package io.sparknn.nn;
