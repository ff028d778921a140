/**
 * The math backends: {@link io.sparknn.backend.Backend} is the one interface layers use, and
 * {@link io.sparknn.backend.JavaBackend} is the pure-Java implementation. Native calls are
 * confined to {@code io.sparknn.backend.mkl}; {@code io.sparknn.backend.select.Backends} picks
 * one of the two.
 */
package io.sparknn.backend;
