package io.sparknn.distributed.collective;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM frames for one direction of one encrypted ring link. A frame is
 *
 * <pre>
 * plaintext length L (int32, little-endian, authenticated as associated data)
 * ciphertext (L bytes) | GCM tag (16 bytes)
 * </pre>
 *
 * The 96-bit nonce is not sent: it is the frame's number on this link, counted by both ends, so
 * a replayed, reordered, dropped or altered frame fails the tag check. The key is the link's own
 * ({@link Handshake#linkKey}), so frame numbers may restart at 0 on every connection.
 */
final class LinkCipher {
    static final int LENGTH_BYTES = 4;
    static final int TAG_BYTES = 16;
    /**
     * The largest plaintext of one frame: one send buffer. 256 KiB frames, which would let
     * neighbours seal, send and open at the same time, measured slower on the 2-core development
     * machine (more cipher set-ups and wake-ups for the same bytes).
     */
    static final int MAX_PLAINTEXT = RingLinks.BUFFER_BYTES;

    static final int MAX_FRAME = LENGTH_BYTES + MAX_PLAINTEXT + TAG_BYTES;

    private final SecretKeySpec key;
    private final Cipher cipher;
    private final byte[] nonce = new byte[12];
    private final byte[] aad = new byte[LENGTH_BYTES];
    private long frames;

    LinkCipher(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available in this JVM", e);
        }
    }

    /**
     * Seals the next (up to {@link #MAX_PLAINTEXT}) bytes of {@code plain} as one frame appended
     * to {@code out} (write mode, with room for {@link #MAX_FRAME} bytes).
     */
    void seal(ByteBuffer plain, ByteBuffer out) {
        int length = Math.min(plain.remaining(), MAX_PLAINTEXT);
        out.order(ByteOrder.LITTLE_ENDIAN).putInt(length);
        ByteBuffer piece = plain.slice().limit(length);
        try {
            init(Cipher.ENCRYPT_MODE, length);
            cipher.doFinal(piece, out);
            plain.position(plain.position() + length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed: " + e, e);
        }
    }

    /**
     * The plaintext length of the frame at the front of {@code in} (read mode, at least {@link
     * #LENGTH_BYTES} bytes), checked against the largest frame a peer may send.
     */
    static int plaintextLength(ByteBuffer in) {
        int length = in.order(ByteOrder.LITTLE_ENDIAN).getInt(in.position());
        if (length < 0 || length > MAX_PLAINTEXT) {
            throw new AEADFrameException(
                    "a frame announces " + length + " bytes but at most " + MAX_PLAINTEXT + " are sent");
        }
        return length;
    }

    /**
     * Opens the complete frame at the front of {@code in} (read mode) into {@code out} (write
     * mode, with room for its plaintext), or throws {@link AEADFrameException} when it was not
     * sealed by the peer with this link's key and frame number.
     */
    void open(ByteBuffer in, ByteBuffer out) {
        int length = plaintextLength(in);
        in.position(in.position() + LENGTH_BYTES);
        ByteBuffer frame = in.slice().limit(length + TAG_BYTES);
        try {
            init(Cipher.DECRYPT_MODE, length);
            cipher.doFinal(frame, out);
        } catch (AEADBadTagException e) {
            throw new AEADFrameException(
                    "frame " + (frames - 1) + " (" + length + " bytes) failed" + " AES-GCM authentication");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed: " + e, e);
        }
        in.position(in.position() + length + TAG_BYTES);
    }

    private void init(int mode, int length) throws GeneralSecurityException {
        ByteBuffer.wrap(nonce).order(ByteOrder.LITTLE_ENDIAN).putInt(0).putLong(frames++);
        ByteBuffer.wrap(aad).order(ByteOrder.LITTLE_ENDIAN).putInt(length);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
        cipher.updateAAD(aad);
    }

    /** A received frame was altered, replayed, reordered or sealed with another key. */
    static final class AEADFrameException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AEADFrameException(String message) {
            super(message);
        }
    }
}
