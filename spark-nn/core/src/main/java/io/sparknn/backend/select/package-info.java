/**
 * Picks the backend a process uses ({@code -Dsparknn.backend=mkl|java|auto}): MKL when it loads,
 * else the pure-Java fallback. It sits above {@code io.sparknn.backend} and
 * {@code io.sparknn.backend.mkl} because it knows both, so neither depends on the other's
 * chooser.
 */
package io.sparknn.backend.select;
