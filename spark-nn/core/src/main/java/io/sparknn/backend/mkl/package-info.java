/**
 * Intel MKL and oneDNN through the JavaCPP presets. The only package that makes native calls;
 * everything it allocates natively is owned by an {@link io.sparknn.backend.mkl.MklBackend} or a
 * {@link io.sparknn.backend.mkl.OneDnnConvolution} and freed on {@code close()}.
 */
package io.sparknn.backend.mkl;
