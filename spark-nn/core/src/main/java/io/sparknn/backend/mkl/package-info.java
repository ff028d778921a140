/**
 * Intel MKL through the JavaCPP presets. The only package that makes native calls; everything
 * it allocates natively is owned by an {@link io.sparknn.backend.mkl.MklBackend} and freed on
 * {@code close()}.
 */
package io.sparknn.backend.mkl;
