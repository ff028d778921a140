package io.sparknn.distributed.collective;

/**
 * Whether the ring's data is encrypted after the handshake. Every connection is authenticated
 * either way; with {@link #AES_GCM} every message is also encrypted and authenticated with
 * AES-256-GCM under a key derived from the run's secret and the connection's fresh nonces, so
 * a tampered, replayed or injected message fails the operation. All ranks must agree; a rank
 * with the other setting is named in the handshake error.
 */
public enum RingEncryption {
    /** Authenticated handshake, then raw little-endian floats (the fastest). */
    OFF,
    /** Authenticated handshake, then AES-256-GCM frames of up to 1 MiB. */
    AES_GCM
}
