/**
 * Collective operations for synchronous data-parallel training: ring reduce-scatter, all-gather
 * and all-reduce over the flat gradient and weight arrays, plus small double all-reduces for
 * metrics and a barrier. {@link io.sparknn.distributed.collective.TcpCollective} runs between
 * executors over authenticated TCP, optionally AES-GCM encrypted ({@link
 * io.sparknn.distributed.collective.RingEncryption}); {@link
 * io.sparknn.distributed.collective.InProcessCollective}
 * runs between threads of one JVM for tests. Both produce bit-identical results.
 */
package io.sparknn.distributed.collective;
