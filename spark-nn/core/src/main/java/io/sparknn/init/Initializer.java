package io.sparknn.init;

import java.util.SplittableRandom;

/** Fills a slice of a weight vector with starting values. Implementations are immutable. */
public interface Initializer {

    /** The Keras name, e.g. {@code "glorot_uniform"}. */
    String name();

    /**
     * Overwrites {@code w[offset, offset + length)}; the rest of {@code w} is untouched.
     *
     * @param fanIn number of inputs of one unit of the layer (e.g. input features of a Dense
     *     layer, {@code inChannels * kernelHeight * kernelWidth} of a convolution)
     * @param fanOut number of outputs each input feeds (e.g. units of a Dense layer,
     *     {@code outChannels * kernelHeight * kernelWidth} of a convolution)
     * @param rng the source of all random draws; the same seed gives the same values
     * @throws IllegalArgumentException if the slice is out of bounds or a fan the formula
     *     needs is not positive
     */
    void fill(float[] w, int offset, int length, int fanIn, int fanOut, SplittableRandom rng);
}
