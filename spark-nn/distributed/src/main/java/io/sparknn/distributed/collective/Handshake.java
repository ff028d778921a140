package io.sparknn.distributed.collective;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The authentication handshake of one ring connection, as three fixed-size messages (no length
 * fields, so a stranger cannot make us allocate or wait for more than 84 bytes):
 *
 * <pre>
 * server -> client  HELLO   magic, version, server rank, flags, server nonce (32 bytes) 48 bytes
 * client -> server  AUTH    magic, version, client rank, group size, flags, client nonce,
 *                           HMAC-SHA256(secret, "client" | nonces | ranks | size | flags) 84 bytes
 * server -> client  ACCEPT  HMAC-SHA256(secret, "server" | nonces | ranks | size | flags) 32 bytes
 * </pre>
 *
 * The server's fresh nonce makes a recorded AUTH useless for a replay, the ranks inside the MAC
 * stop one peer's proof from being reused for another ring position, and ACCEPT proves the
 * server knows the secret too. MACs are compared in constant time. Integers are little-endian.
 * The flags say whether the link is encrypted afterwards; both ends must agree, and the key of
 * an encrypted link ({@link #linkKey}) is derived from the secret and both fresh nonces, so each
 * connection has its own.
 */
final class Handshake {
    static final int MAGIC = 0x434e4e53; // "SNNC" in little-endian byte order
    static final int VERSION = 2;
    /** Flag bit: the link carries AES-GCM frames after the handshake. */
    static final int FLAG_ENCRYPTED = 1;

    static final int NONCE_BYTES = 32;
    static final int MAC_BYTES = 32;
    static final int HELLO_BYTES = 16 + NONCE_BYTES;
    static final int AUTH_BYTES = 20 + NONCE_BYTES + MAC_BYTES;
    /** Magic and version: enough to tell a stranger's garbage from a handshake. */
    static final int PREFIX_BYTES = 8;

    static final int ACCEPT_BYTES = MAC_BYTES;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] CLIENT_LABEL = "spark-nn collective v2 client".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERVER_LABEL = "spark-nn collective v2 server".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY_LABEL = "spark-nn collective v2 link key".getBytes(StandardCharsets.US_ASCII);

    private final SecretKeySpec key;
    private final int size;
    private final int flags;

    /** A handshake for plaintext links. */
    Handshake(byte[] secret, int size) {
        this(secret, size, false);
    }

    Handshake(byte[] secret, int size, boolean encrypted) {
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.size = size;
        this.flags = encrypted ? FLAG_ENCRYPTED : 0;
    }

    boolean encrypted() {
        return (flags & FLAG_ENCRYPTED) != 0;
    }

    static ByteBuffer allocate(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    static byte[] newNonce() {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        return nonce;
    }

    /** The HELLO a server sends first, ready to write. */
    ByteBuffer hello(int serverRank, byte[] serverNonce) {
        ByteBuffer b = allocate(HELLO_BYTES);
        b.putInt(MAGIC).putInt(VERSION).putInt(serverRank).putInt(flags).put(serverNonce);
        return b.flip();
    }

    /** The AUTH a client answers with, ready to write. */
    ByteBuffer auth(int clientRank, int serverRank, byte[] serverNonce, byte[] clientNonce) {
        ByteBuffer b = allocate(AUTH_BYTES);
        b.putInt(MAGIC)
                .putInt(VERSION)
                .putInt(clientRank)
                .putInt(size)
                .putInt(flags)
                .put(clientNonce);
        b.put(mac(CLIENT_LABEL, serverNonce, clientNonce, clientRank, serverRank, flags));
        return b.flip();
    }

    /** The ACCEPT a server sends after a valid AUTH, ready to write. */
    ByteBuffer accept(int clientRank, int serverRank, byte[] serverNonce, byte[] clientNonce) {
        ByteBuffer b = allocate(ACCEPT_BYTES);
        b.put(mac(SERVER_LABEL, serverNonce, clientNonce, clientRank, serverRank, flags));
        return b.flip();
    }

    /**
     * The AES-256 key of the link from {@code clientRank} to {@code serverRank} after a
     * successful handshake: HMAC-SHA256 of both nonces and both ranks under the run's secret.
     */
    byte[] linkKey(int clientRank, int serverRank, byte[] serverNonce, byte[] clientNonce) {
        return mac(KEY_LABEL, serverNonce, clientNonce, clientRank, serverRank, flags);
    }

    /**
     * Checks the magic and version at the front of a partly received message (absolute reads, at
     * least {@link #PREFIX_BYTES} in {@code b} from 0), so garbage is dropped on its first bytes.
     */
    static void checkPrefix(ByteBuffer b) {
        checkMagicAndVersion(b.duplicate().order(ByteOrder.LITTLE_ENDIAN).flip());
    }

    /**
     * Checks a HELLO (a full buffer, flipped) from the server expected at {@code serverRank};
     * returns its nonce, or throws {@link HandshakeException}.
     */
    byte[] checkHello(ByteBuffer b, int serverRank) {
        checkMagicAndVersion(b);
        int rank = b.getInt();
        if (rank != serverRank) {
            throw new HandshakeException("the listener there is rank " + rank + ", not rank " + serverRank
                    + " (the peer address lists differ between ranks)");
        }
        checkFlags(b.getInt(), "rank " + serverRank);
        byte[] nonce = new byte[NONCE_BYTES];
        b.get(nonce);
        return nonce;
    }

    /**
     * Checks an AUTH (flipped) from the client expected at {@code clientRank}; returns the client
     * nonce, or throws {@link HandshakeException}.
     */
    byte[] checkAuth(ByteBuffer b, int clientRank, int serverRank, byte[] serverNonce) {
        checkMagicAndVersion(b);
        int rank = b.getInt();
        int theirSize = b.getInt();
        int theirFlags = b.getInt();
        byte[] clientNonce = new byte[NONCE_BYTES];
        byte[] theirMac = new byte[MAC_BYTES];
        b.get(clientNonce).get(theirMac);
        // The MAC covers the flags the client claims, so a mismatch is reported as such, not as a
        // wrong secret.
        byte[] expected = mac(CLIENT_LABEL, serverNonce, clientNonce, clientRank, serverRank, theirFlags);
        if (!MessageDigest.isEqual(expected, theirMac)) {
            throw new HandshakeException("wrong authentication code (claimed rank " + rank
                    + "): the client does not know this run's secret");
        }
        if (rank != clientRank || theirSize != size) {
            throw new HandshakeException("claimed rank " + rank + " of " + theirSize + " but rank " + clientRank
                    + " of " + size + " was expected");
        }
        checkFlags(theirFlags, "rank " + clientRank);
        return clientNonce;
    }

    /** Checks an ACCEPT (flipped), or throws {@link HandshakeException}. */
    void checkAccept(ByteBuffer b, int clientRank, int serverRank, byte[] serverNonce, byte[] clientNonce) {
        byte[] theirMac = new byte[MAC_BYTES];
        b.get(theirMac);
        byte[] expected = mac(SERVER_LABEL, serverNonce, clientNonce, clientRank, serverRank, flags);
        if (!MessageDigest.isEqual(expected, theirMac)) {
            throw new HandshakeException(
                    "the server's authentication code is wrong: it does not" + " know this run's secret");
        }
    }

    private void checkFlags(int theirs, String who) {
        if (theirs != flags) {
            throw new HandshakeException(who + " has ring encryption "
                    + ((theirs & FLAG_ENCRYPTED) != 0 ? "on" : "off") + " but this rank has it "
                    + (encrypted() ? "on" : "off") + "; every rank must use the same setting"
                    + " (spark.network.crypto.enabled)");
        }
    }

    private static void checkMagicAndVersion(ByteBuffer b) {
        int magic = b.getInt();
        if (magic != MAGIC) {
            throw new HandshakeException(String.format(
                    "not a spark-nn collective handshake (first bytes 0x%08x)", Integer.reverseBytes(magic)));
        }
        int version = b.getInt();
        if (version != VERSION) {
            throw new HandshakeException("handshake version " + version + " but this build speaks " + VERSION
                    + " (mixed spark-nn versions on the classpath?)");
        }
    }

    private byte[] mac(
            byte[] label, byte[] serverNonce, byte[] clientNonce, int clientRank, int serverRank, int macFlags) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(label);
            mac.update(serverNonce);
            mac.update(clientNonce);
            ByteBuffer ints = allocate(16)
                    .putInt(clientRank)
                    .putInt(serverRank)
                    .putInt(size)
                    .putInt(macFlags);
            mac.update(ints.array());
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** A handshake message was wrong; the message says how. */
    static final class HandshakeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HandshakeException(String message) {
            super(message);
        }
    }
}
