/**
 * Dense float32 tensors: a per-sample {@link io.sparknn.tensor.Shape} and a row-major batch
 * view over a {@code float[]}. The batch is always the first dimension; images are NCHW.
 */
package io.sparknn.tensor;
