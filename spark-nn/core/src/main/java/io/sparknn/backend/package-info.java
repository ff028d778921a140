/**
 * The math backends: {@link io.sparknn.backend.Backend} is the one interface layers use;
 * {@link io.sparknn.backend.Backends} picks MKL or the pure-Java fallback. Native calls are
 * confined to {@code io.sparknn.backend.mkl}.
 */
package io.sparknn.backend;
