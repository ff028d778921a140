/**
 * Initialisers that fill a slice of the flat weight vector with starting values, using the
 * Keras names and formulas ({@code glorot_uniform}, {@code he_normal}, ...). Every draw comes
 * from the {@link java.util.SplittableRandom} passed in, so a seed fixes the weights.
 */
package io.sparknn.init;
